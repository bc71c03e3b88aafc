using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using HotReloadCluster.Tests.Support;
using Xunit.Abstractions;

namespace HotReloadCluster.IntegrationTests;

/// <summary>
/// The ASP.NET Core sample (<c>samples/OrdersService</c>) as a real process beside a real config node process (SQLite,
/// the default journal), read over HTTP: a change on the source shows on its endpoint, a value its options validation
/// refuses never shows and is rolled back by the cluster, with the config node down at its start it serves the
/// cache and catches up when the node is back, and a service frozen longer than the cluster waits is downed, stays up and
/// rejoins by itself.
/// </summary>
public sealed class OrdersServiceSpecs(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _temp = new();
    private readonly List<NodeProcess> _processes = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task EditOnTheSource_ShowsOnTheEndpoint_RefusedValueIsRolledBack_DownAtStartServesTheCacheThenCatchesUp_FrozenServiceRejoins()
    {
        var file = _temp.Write("config/settings.yaml", Settings(host: "db1", port: 5432));
        var nodePort = FreePorts.Next();
        var node = StartNode(nodePort);
        var service = StartService(nodePort, out var url);

        var first = await WaitForSettings(url, s => s.Version == 1 && !s.Stale, "version 1 from the cluster");
        Assert.Equal(("db1", 5432, true), (first.Host, first.Port, first.PasswordSet));
        await WaitForReadiness(url, "Healthy");

        // An edit on the source reaches the service's options.
        await File.WriteAllTextAsync(file, Settings(host: "db2", port: 5432));
        await WaitForSettings(url, s => s.Version == 2 && s.Host == "db2", "the edit on the endpoint");

        // A port the service's [Range] refuses: never visible; the cluster rolls the topic back (version 4 = version 2's content).
        await File.WriteAllTextAsync(file, Settings(host: "db3", port: 99999));
        var rolledBack = await WaitForSettings(url, s => s.Version == 4, "the cluster's rollback");
        Assert.Equal(("db2", 5432), (rolledBack.Host, rolledBack.Port));
        node.WaitForLine(l => l.Contains("RollbackSuccess", StringComparison.Ordinal), Timeout);

        // The service and the config node go down; the file changes meanwhile; the service starts while the node is down.
        service.Kill();
        node.Terminate(TimeSpan.FromSeconds(30));
        await File.WriteAllTextAsync(file, Settings(host: "db5", port: 5433));
        service = StartService(nodePort, out url);
        var cached = await WaitForSettings(url, _ => true, "the service up with the config node down");
        Assert.True(cached.Stale, "served from the cache, marked stale");
        Assert.Equal((4L, "db2", 5432), (cached.Version, cached.Host, cached.Port));
        await WaitForReadiness(url, "Degraded"); // ready with its cache, not confirmed by the cluster

        // The node comes back (same address, same journal): it applies what changed while it was down, the service follows.
        StartNode(nodePort);
        var caughtUp = await WaitForSettings(url, s => s.Host == "db5" && !s.Stale, "the service catching up");
        Assert.Equal((5L, 5433), (caughtUp.Version, caughtUp.Port));
        await WaitForReadiness(url, "Healthy");
        Assert.DoesNotContain(service.Stderr, l => l.Contains("s3cret", StringComparison.Ordinal));
        Assert.All(Directory.GetFiles(_temp.File("cache")), f => Assert.DoesNotContain("s3cret", File.ReadAllText(f), StringComparison.Ordinal));

        // A long pause of the service (a GC pause, a VM migration: SIGSTOP for 25 s) gets its cluster member downed. The
        // service stays up and keeps its values; its member rejoins by itself as a new incarnation; the next edit arrives.
        service.Signal("STOP");
        await Task.Delay(TimeSpan.FromSeconds(25));
        service.Signal("CONT");
        var afterPause = await WaitForSettings(url, _ => true, "the service right after the pause");
        Assert.Equal((5L, "db5"), (afterPause.Version, afterPause.Host));
        await WaitUntil(() => service.Stdout.Concat(service.Stderr).Any(l => l.Contains("rejoining as incarnation 2", StringComparison.Ordinal)), "the member downed and rejoining");
        await File.WriteAllTextAsync(file, Settings(host: "db6", port: 5433));
        var afterRejoin = await WaitForSettings(url, s => s.Host == "db6", "the edit after the member rejoined");
        Assert.Equal(6L, afterRejoin.Version);
        Assert.False(service.HasExited);
    }

    private async Task WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}: not within {Timeout}; processes' output: {string.Join('\n', _processes.SelectMany(p => p.Stdout.Concat(p.Stderr)).TakeLast(40))}");
            }

            await Task.Delay(100);
        }
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        _http.Dispose();
        _temp.Dispose();
    }

    private static string Settings(string host, int port) =>
        $"database:\n  host: {host}\n  port: {port.ToString(CultureInfo.InvariantCulture)}\n  name: orders\n  user: orders\n  password: ${{DB_PASSWORD:-}}\n  pool:\n    min_size: 2\n    max_size: 20\ncache:\n  enabled: true\n  ttl_seconds: 60\n";

    private NodeProcess StartNode(int port)
    {
        var node = NodeProcess.Start(
            _temp.Path,
            "--port", port.ToString(CultureInfo.InvariantCulture), "--roles", "config-source,config-registry", "--data", "node",
            "--json", "--debounce", "fixed:5", "--seed", "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture), "--watch", "config");
        _processes.Add(node);
        return node;
    }

    private NodeProcess StartService(int nodePort, out string url)
    {
        var httpPort = FreePorts.Next();
        url = $"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}";
        var service = NodeProcess.StartDll(
            NodeProcess.SampleDll("OrdersService"),
            _temp.Path,
            new Dictionary<string, string>
            {
                ["HotReload__Seeds__0"] = "127.0.0.1:" + nodePort.ToString(CultureInfo.InvariantCulture),
                ["HotReload__CacheFolder"] = _temp.File("cache"),
                ["HotReload__StartupTimeoutSeconds"] = "2",
                ["DB_PASSWORD"] = "s3cret",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
            },
            [],
            "--urls", url);
        _processes.Add(service);
        return service;
    }

    private async Task<SettingsView> WaitForSettings(string url, Func<SettingsView, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        SettingsView? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var document = JsonDocument.Parse(await _http.GetStringAsync(url + "/settings"));
                var root = document.RootElement;
                var database = root.GetProperty("database");
                last = new SettingsView(
                    root.GetProperty("version").ValueKind == JsonValueKind.Number ? root.GetProperty("version").GetInt64() : 0,
                    root.GetProperty("stale").GetBoolean(),
                    database.GetProperty("host").GetString()!,
                    database.GetProperty("port").GetInt32(),
                    database.GetProperty("passwordSet").GetBoolean());
                if (condition(last))
                {
                    output.WriteLine($"{what}: {last}");
                    return last;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{what}: not within {Timeout}; last seen {last}; processes' stderr: {string.Join('\n', _processes.SelectMany(p => p.Stderr).TakeLast(40))}");
    }

    /// <summary>Polls the sample's /readyz (ASP.NET Core's plain-text report) until it says <paramref name="status"/>, with 200.</summary>
    private async Task WaitForReadiness(string url, string status)
    {
        var deadline = DateTime.UtcNow + Timeout;
        var last = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await _http.GetAsync(new Uri(url + "/readyz"));
            last = await response.Content.ReadAsStringAsync();
            if (last == status)
            {
                Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
                output.WriteLine($"/readyz: {last}");
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"/readyz never said {status}; last: {last}");
    }

    private sealed record SettingsView(long Version, bool Stale, string Host, int Port, bool PasswordSet);
}
