using HotReloadCluster.Tests.Support;

namespace HotReloadCluster.Tests.Node;

/// <summary>
/// The node as a real process: half or wrong TLS settings refuse to start (exit 2, one line on stderr), a node on a
/// non-loopback address without TLS warns, and the default (no TLS, 127.0.0.1) neither warns nor needs anything.
/// </summary>
public sealed class TlsNodeProcessSpecs : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TestCertificates Certs = TestCertificates.Shared;
    private readonly TempDirectory _temp = new();

    [Theory]
    [InlineData("certificate without CA", "is set but no CA")]
    [InlineData("PFX without password", "needs its password in HOTRELOAD_TLS__PASSWORD")]
    [InlineData("PEM without key", "needs its private key")]
    [InlineData("expired certificate", "expired on")]
    [InlineData("certificate without private key", "no certificate with a private key")]
    [InlineData("unreadable certificate", "cannot be read")]
    [InlineData("CA only, from the environment", "no certificate")]
    public void Node_WrongTls_RefusesToStartWithExitTwoAndOneLine(string scenario, string expected)
    {
        var environment = new Dictionary<string, string>();
        string[] args = scenario switch
        {
            "certificate without CA" => ["--tls-cert", Certs.Pem("node1"), "--tls-key", Certs.Key("node1")],
            "PFX without password" => ["--tls-cert", Certs.Pfx("node1"), "--tls-ca", Certs.ClusterCa],
            "PEM without key" => ["--tls-cert", Certs.Pem("node1"), "--tls-ca", Certs.ClusterCa],
            "expired certificate" => ["--tls-cert", Certs.ExpiredPem, "--tls-key", Certs.ExpiredKey, "--tls-ca", Certs.ClusterCa],
            "certificate without private key" => ["--tls-cert", Certs.NoKeyPfx, "--tls-ca", Certs.ClusterCa],
            "unreadable certificate" => ["--tls-cert", _temp.File("missing.pfx"), "--tls-ca", Certs.ClusterCa],
            _ => [],
        };
        if (scenario is "certificate without private key")
        {
            environment["HOTRELOAD_TLS__PASSWORD"] = TestCertificates.Password;
        }

        if (scenario is "CA only, from the environment")
        {
            environment["HOTRELOAD_TLS__CA"] = Certs.ClusterCa;
        }

        using var node = NodeProcess.Start(_temp.Path, environment, [.. args, "--port", "0", "--data", "state"]);

        Assert.Equal(2, node.WaitForExit(Timeout));
        var line = Assert.Single(node.Stderr);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Empty(node.Stdout);
        Assert.False(Directory.Exists(_temp.File("state")), "nothing was started");
    }

    [Fact]
    public void Node_PasswordAsAFlag_IsAUsageError()
    {
        using var node = NodeProcess.Start(_temp.Path, "--tls-password", TestCertificates.Password);

        Assert.Equal(2, node.WaitForExit(Timeout));
        Assert.Contains(node.Stderr, l => l.Contains("never a flag", StringComparison.Ordinal));
    }

    [Fact]
    public void Node_NonLoopbackAddressWithoutTls_WarnsOnce()
    {
        // 192.0.2.1 (TEST-NET-1) is on no interface here: the node warns at start, then fails to bind; nothing is sent.
        using var node = NodeProcess.Start(_temp.Path, "--hostname", "192.0.2.1", "--port", "0", "--data", "state", "--watch", "config");

        var warning = WaitForStderr(node, l => l.StartsWith("warning: ", StringComparison.Ordinal));

        Assert.Contains("remoting listens on 192.0.2.1 without TLS", warning, StringComparison.Ordinal);
        Assert.Single(node.Stderr, l => l.StartsWith("warning: remoting", StringComparison.Ordinal));
    }

    [Fact]
    public void Node_Default_IsPlainTcpOnLoopbackWithoutWarning()
    {
        _temp.Write("config/settings.yaml", "a: 1\n");
        using var node = NodeProcess.Start(_temp.Path, "--port", "0", "--watch", "config", "--data", "state");

        var banner = node.WaitForLine(l => l.StartsWith("HotReloadCluster node 127.0.0.1:", StringComparison.Ordinal), Timeout);
        node.WaitForLine(l => l.Contains("ReloadSuccess", StringComparison.Ordinal), Timeout);

        Assert.Contains("seeds []", banner, StringComparison.Ordinal);
        Assert.DoesNotContain(node.Stderr, l => l.StartsWith("warning: ", StringComparison.Ordinal) || l.StartsWith("tls: ", StringComparison.Ordinal));
        WaitForStderr(node, l => l.Contains("cluster: up akka.tcp://hotreload@127.0.0.1:", StringComparison.Ordinal));
        Assert.Equal(0, node.Terminate(Timeout));
    }

    public void Dispose() => _temp.Dispose();

    private static string WaitForStderr(NodeProcess node, Func<string, bool> match)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (node.Stderr.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            Thread.Sleep(50);
        }

        throw new TimeoutException("No matching stderr line. stderr: " + string.Join('\n', node.Stderr));
    }
}
