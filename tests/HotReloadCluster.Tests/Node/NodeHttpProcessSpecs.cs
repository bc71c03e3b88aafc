using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using HotReloadCluster.Tests.Support;
using Npgsql;

namespace HotReloadCluster.Tests.Node;

/// <summary>A real node process started with --http: /healthz, /readyz and /metrics over loopback.</summary>
public sealed class NodeHttpProcessSpecs : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _temp = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(15) };

    public void Dispose()
    {
        _http.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task Node_WithHttp_ServesLivenessReadinessAndMetrics_AndReadinessFollowsARejectedFile()
    {
        var file = _temp.Write("config/settings.yaml", "a: 1\n");
        var port = FreePort();
        using var node = NodeProcess.Start(_temp.Path, "--port", "0", "--watch", "config", "--data", "state", "--json", "--http", "127.0.0.1:" + Text(port));
        node.WaitForLine(l => l.Contains("\"ReloadSuccess\"", StringComparison.Ordinal), Timeout);
        var root = new Uri("http://127.0.0.1:" + Text(port));

        using var live = await _http.GetAsync(new Uri(root, "/healthz"));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", Json(await live.Content.ReadAsStringAsync()).GetProperty("status").GetString());

        var ready = await AwaitReadinessAsync(root, "Healthy");
        var checks = ready.GetProperty("checks");
        foreach (var name in new[] { "hotreload-member", "hotreload-journal", "hotreload-watchers", "hotreload-topics", "hotreload-subscriptions" })
        {
            Assert.Equal("Healthy", checks.GetProperty(name).GetProperty("status").GetString());
            Assert.False(string.IsNullOrEmpty(checks.GetProperty(name).GetProperty("description").GetString()));
        }

        Assert.Equal("Up", checks.GetProperty("hotreload-member").GetProperty("data").GetProperty("status").GetString());
        Assert.Contains("inotify", checks.GetProperty("hotreload-watchers").GetProperty("description").GetString(), StringComparison.Ordinal);

        using var metrics = await _http.GetAsync(new Uri(root, "/metrics"));
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal("text/plain", metrics.Content.Headers.ContentType?.MediaType);
        Assert.Contains("dotnet_gc_collections_total", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A rejected file: still ready (Degraded is 200), and the topic is named.
        File.WriteAllText(file, "a: [\n");
        node.WaitForLine(l => l.Contains("\"ReloadFailed\"", StringComparison.Ordinal), Timeout);
        var degraded = await AwaitReadinessAsync(root, "Degraded");
        Assert.Equal("Degraded", degraded.GetProperty("checks").GetProperty("hotreload-topics").GetProperty("status").GetString());
        Assert.Contains("settings", degraded.GetProperty("checks").GetProperty("hotreload-topics").GetProperty("description").GetString(), StringComparison.Ordinal);

        File.WriteAllText(file, "a: 2\n");
        node.WaitForLine(l => l.Contains("\"ReloadSuccess\"", StringComparison.Ordinal), Timeout);
        await AwaitReadinessAsync(root, "Healthy");
        Assert.Equal(0, node.Terminate(Timeout));
    }

    [Fact]
    public async Task Node_JournalPostgresCutOff_ReadinessUnhealthyWith503()
    {
        using var database = PostgresDatabase.Create();
        var server = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        using var proxy = new TcpProxy(server.Host!, server.Port);
        var journal = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = proxy.Port, Timeout = 2 }.ConnectionString;
        _temp.Write("config/settings.yaml", "a: 1\n");
        var port = FreePort();

        // The lease goes to the server directly: only the journal loses its database.
        using var node = NodeProcess.Start(
            _temp.Path,
            "--port", "0", "--watch", "config", "--json", "--http", "127.0.0.1:" + Text(port),
            "--journal", "postgres:" + journal, "--lease", "postgres:" + database.ConnectionString);
        node.WaitForLine(l => l.Contains("\"ReloadSuccess\"", StringComparison.Ordinal), Timeout);
        var root = new Uri("http://127.0.0.1:" + Text(port));
        await AwaitReadinessAsync(root, "Healthy");

        proxy.Cut();

        var unhealthy = await AwaitReadinessAsync(root, "Unhealthy", HttpStatusCode.ServiceUnavailable);
        var check = unhealthy.GetProperty("checks").GetProperty("hotreload-journal");
        Assert.Equal("Unhealthy", check.GetProperty("status").GetString());
        Assert.StartsWith("postgres is unreachable", check.GetProperty("description").GetString(), StringComparison.Ordinal);
        using var live = await _http.GetAsync(new Uri(root, "/healthz"));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(0, node.Terminate(Timeout));
    }

    [Fact]
    public void Node_HttpPortInUse_ExitsWithOneAndAClearError()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        using var node = NodeProcess.Start(_temp.Path, "--port", "0", "--watch", "config", "--data", "state", "--http", "127.0.0.1:" + Text(port));

        Assert.Equal(1, node.WaitForExit(Timeout));
        var error = Assert.Single(node.Stderr, l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.StartsWith("error: cannot serve HTTP on 127.0.0.1:" + Text(port) + ": ", error, StringComparison.Ordinal);
        Assert.Contains("address already in use", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Node_BadHttpValue_PrintsUsageAndExitsWithTwo()
    {
        using var node = NodeProcess.Start(_temp.Path, "--http", "somewhere:80");

        Assert.Equal(2, node.WaitForExit(Timeout));
        Assert.Contains(node.Stderr, l => l.StartsWith("error: --http needs <host>:<port>", StringComparison.Ordinal));
        Assert.Contains(node.Stderr, l => l.Contains("usage:", StringComparison.Ordinal));
    }

    /// <summary>Polls /readyz until its status is <paramref name="status"/> (checks run on each request), then returns the body.</summary>
    private async Task<JsonElement> AwaitReadinessAsync(Uri root, string status, HttpStatusCode code = HttpStatusCode.OK)
    {
        var deadline = DateTime.UtcNow + Timeout;
        var last = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await _http.GetAsync(new Uri(root, "/readyz"));
            last = await response.Content.ReadAsStringAsync();
            var body = Json(last);
            if (body.GetProperty("status").GetString() == status)
            {
                Assert.Equal(code, response.StatusCode);
                Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
                return body;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"/readyz never reported {status}; last: {last}");
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static int FreePort() => HotReloadCluster.IntegrationTests.FreePorts.Next();
}
