using System.Text.Json;
using HotReloadCluster.Tests.Support;

namespace HotReloadCluster.Tests.Node;

/// <summary>The runnable node as a real process.</summary>
public sealed class NodeProcessSpecs : IDisposable
{
    // Generous: a graceful stop (leave the cluster, stop the journal) took over 30 s once under the full suite on 2 cores.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _temp = new();

    [Fact]
    public void Node_JsonMode_PrintsOneObjectPerEventAndStopsGracefully()
    {
        var file = _temp.Write("config/settings.yaml", "a: 1\n");
        using var node = NodeProcess.Start(_temp.Path, "--port", "0", "--watch", "config", "--data", "state", "--json");

        var first = JsonDocument.Parse(node.WaitForLine(l => l.Contains("\"ReloadSuccess\"", StringComparison.Ordinal), Timeout)).RootElement;
        Assert.Equal("settings", first.GetProperty("topic").GetString());
        Assert.Equal(1, first.GetProperty("version").GetInt64());
        Assert.StartsWith("sha256:", first.GetProperty("hash").GetString(), StringComparison.Ordinal);
        Assert.Equal(file, first.GetProperty("file").GetString());
        Assert.True(first.TryGetProperty("reloadMs", out _));
        Assert.True(first.TryGetProperty("at", out _));

        File.WriteAllText(file, "a: 2\n");

        var second = JsonDocument.Parse(node.WaitForLine(l => l.Contains("\"ReloadSuccess\"", StringComparison.Ordinal), Timeout)).RootElement;
        Assert.Equal(2, second.GetProperty("version").GetInt64());
        Assert.Equal(0, node.Terminate(Timeout));
        Assert.True(File.Exists(Path.Combine(_temp.Path, "state", "hotreload.db")));
    }

    [Fact]
    public void Node_ReadableMode_PrintsALinePerEvent()
    {
        _temp.Write("config/features.json", """{"flags": {"a": true}}""");
        using var node = NodeProcess.Start(_temp.Path, "--port", "0", "--watch", "config", "--data", "state", "--debounce", "adaptive:10");

        var line = node.WaitForLine(l => l.Contains("ReloadSuccess", StringComparison.Ordinal), Timeout);

        Assert.Contains("features v1", line, StringComparison.Ordinal);
        Assert.Contains("initial", line, StringComparison.Ordinal);
        Assert.Equal(0, node.Terminate(Timeout));
    }

    [Fact]
    public void Node_FastFailoverWithALeaseDatabase_StartsAppliesAndStopsWithZero()
    {
        using var database = PostgresDatabase.Create();
        _temp.Write("config/settings.yaml", "a: 1\n");
        var port = FreePort();
        using var node = NodeProcess.Start(
            _temp.Path,
            "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "127.0.0.1:" + port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--watch", "config", "--journal", "postgres:" + database.ConnectionString, "--failover", "fast", "--json");

        node.WaitForLine(l => l.Contains("\"ReloadSuccess\"", StringComparison.Ordinal), Timeout);

        Assert.Contains(node.Stderr, l => l.Contains("downing: lease-majority of config nodes", StringComparison.Ordinal));
        Assert.Equal(0, node.Terminate(Timeout));
    }

    [Fact]
    public void Node_Interrupted_ExitsWithZero_AndNeverWithoutBeingAsked()
    {
        _temp.Write("config/settings.yaml", "a: 1\n");

        // SIGINT back to its default disposition: a test host started in the background by a shell without job control
        // passes SIGINT on ignored, and the node then (rightly) ignores it — that case is the next test.
        using var node = NodeProcess.Start(_temp.Path, new Dictionary<string, string>(), ["env", "--default-signal=INT"], "--port", "0", "--watch", "config", "--data", "state", "--json");
        node.WaitForLine(l => l.Contains("\"ReloadSuccess\"", StringComparison.Ordinal), Timeout);

        node.Signal("INT");

        Assert.Equal(0, node.WaitForExit(Timeout));
        Assert.DoesNotContain(node.Stderr, l => l.Contains("SIGINT is ignored", StringComparison.Ordinal));
    }

    [Fact]
    public void Node_StartedWithSigintIgnored_SaysSoAndStopsOnSigterm()
    {
        _temp.Write("config/settings.yaml", "a: 1\n");

        // What `node &` in a script does: the node inherits SIGINT ignored. It keeps the convention, says so, and SIGTERM stops it.
        using var node = NodeProcess.Start(_temp.Path, new Dictionary<string, string>(), ["bash", "-c", "trap '' INT; exec \"$@\"", "launcher"], "--port", "0", "--watch", "config", "--data", "state", "--json");
        node.WaitForLine(l => l.Contains("\"ReloadSuccess\"", StringComparison.Ordinal), Timeout);

        Assert.Equal(0, node.Terminate(Timeout));
        Assert.Contains(node.Stderr, l => l.StartsWith("warning: SIGINT is ignored by this process", StringComparison.Ordinal) && l.Contains("SIGTERM does", StringComparison.Ordinal));
    }

    [Fact]
    public void Node_LoggingVariables_ChangeTheLogLevelAndFormat()
    {
        _temp.Write("config/settings.yaml", "a: 1\n");
        var environment = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "[HH:mm:ss.fff] ",
        };
        using var node = NodeProcess.Start(_temp.Path, environment, "--port", "0", "--watch", "config", "--data", "state", "--json");
        node.WaitForLine(l => l.Contains("\"ReloadSuccess\"", StringComparison.Ordinal), Timeout);

        Assert.Equal(0, node.Terminate(Timeout));
        // Akka's own information lines (hidden by the default level Warning), each with the timestamp asked for.
        Assert.Contains(node.Stderr, l => l.StartsWith('[') && l.Contains("info: Akka.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0000000000001006", true)]
    [InlineData("0000000000001004", false)]
    [InlineData("0000000000000002", true)]
    [InlineData("0000000000000000", false)]
    public void InterruptIgnored_ReadsTheSigIgnMask(string mask, bool ignored)
    {
        var status = _temp.Write("status", $"Name:\tdotnet\nSigBlk:\t0000000000000002\nSigIgn:\t{mask}\nSigCgt:\t0000000000000002\n");

        Assert.Equal(ignored, HotReloadCluster.Node.InheritedSignals.InterruptIgnored(status));
    }

    [Fact]
    public void Node_PortInUse_ExitsWithOneAndOneClearLine()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        using var node = NodeProcess.Start(_temp.Path, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--watch", "config", "--data", "state");

        Assert.Equal(1, node.WaitForExit(Timeout));
        Assert.Contains(node.Stderr, l => l.StartsWith("error: the node cannot start:", StringComparison.Ordinal));
    }

    private static int FreePort() => HotReloadCluster.IntegrationTests.FreePorts.Next();

    [Fact]
    public void Node_UnknownFlag_PrintsUsageAndExitsWithTwo()
    {
        using var node = NodeProcess.Start(_temp.Path, "--frobnicate");

        Assert.Equal(2, node.WaitForExit(Timeout));
        Assert.Contains(node.Stderr, l => l.Contains("unknown option '--frobnicate'", StringComparison.Ordinal));
        Assert.Contains(node.Stderr, l => l.Contains("usage:", StringComparison.Ordinal));
    }

    public void Dispose() => _temp.Dispose();
}
