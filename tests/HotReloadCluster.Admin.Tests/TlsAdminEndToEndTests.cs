using HotReloadCluster.Admin.Tests.Support;
using HotReloadCluster.Tests.Support;

namespace HotReloadCluster.Admin.Tests;

/// <summary>
/// The built <c>hrc</c> against a real node with mutual TLS: a certificate of the cluster CA (PEM by flags, or PFX by
/// environment) gets an answer; no certificate, or one of another CA, gets no answer (exit 3), and the node says why
/// it refused; half-configured TLS, a password flag or a mistyped TLS option is a usage error (exit 2).
/// </summary>
public sealed class TlsAdminEndToEndTests(TlsNodeFixture node) : IClassFixture<TlsNodeFixture>
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];
    private static readonly TestCertificates Certs = TlsNodeFixture.Certificates;

    [Fact]
    public async Task Status_WithACertificateOfTheClusterCa_GetsTheAnswer()
    {
        var results = await Task.WhenAll(
            node.Hrc(NoEnvironment, "status", "--tls-cert", Certs.Pem("hrc"), "--tls-key", Certs.Key("hrc"), "--tls-ca", Certs.ClusterCa, "--timeout", "30"),
            node.Hrc(
                new Dictionary<string, string?>
                {
                    ["HOTRELOAD_TLS__CERT"] = Certs.Pfx("hrc"),
                    ["HOTRELOAD_TLS__CA"] = Certs.ClusterCa,
                    ["HOTRELOAD_TLS__PASSWORD"] = TestCertificates.Password,
                },
                "status",
                "--json",
                "--timeout",
                "30"));
        var (pemByFlags, pfxByEnvironment) = (results[0], results[1]);

        Assert.True(pemByFlags.ExitCode == 0, pemByFlags.ToString());
        Assert.Contains("akka.ssl.tcp://hotreload@" + node.Contact + "\t", pemByFlags.Stdout, StringComparison.Ordinal);
        Assert.True(pfxByEnvironment.ExitCode == 0, pfxByEnvironment.ToString());
        var member = Assert.Single(pfxByEnvironment.Json().GetProperty("nodes").EnumerateArray());
        Assert.Equal("akka.ssl.tcp://hotreload@" + node.Contact, member.GetProperty("address").GetString());
    }

    [Fact]
    public async Task Status_WithoutACertificate_IsUnreachable()
    {
        var result = await node.Hrc(NoEnvironment, "status", "--timeout", "5");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Empty(result.Stdout);
        Assert.Contains("no answer from the admin endpoint", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("if the cluster uses TLS, give --tls-cert and --tls-ca", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_WithACertificateOfAnotherCa_IsUnreachable_AndTheNodeSaysWhy()
    {
        // Trusting both CAs, this console accepts the node: the refusal is the node's.
        var results = await Task.WhenAll(
            // A long timeout: under load the handshake (and so the node's refusal) may take longer than 5 s.
            node.Hrc(NoEnvironment, "status", "--tls-cert", Certs.Pem("intruder"), "--tls-key", Certs.Key("intruder"), "--tls-ca", Certs.BothCas, "--timeout", "20"),
            node.Hrc(NoEnvironment, "status", "--tls-cert", Certs.Pem("intruder"), "--tls-key", Certs.Key("intruder"), "--tls-ca", Certs.OtherCa, "--timeout", "5"));

        foreach (var result in results)
        {
            Assert.True(result.ExitCode == 3, result.ToString());
            Assert.Empty(result.Stdout);
        }

        // The node logs the refusal from its own I/O thread: the console may exit before that line is read.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        bool Refused() => node.Node.Stderr.Any(l => l.Contains("TLS: refused the certificate", StringComparison.Ordinal)
            && l.Contains("CN=intruder", StringComparison.Ordinal)
            && l.Contains("not issued by the cluster's CA", StringComparison.Ordinal));
        while (!Refused() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(Refused(), string.Join('\n', node.Node.Stderr));
    }

    [Fact]
    public async Task HalfConfiguredTls_IsAUsageError()
    {
        var results = await Task.WhenAll(
            node.Hrc(NoEnvironment, "status", "--tls-cert", Certs.Pem("hrc"), "--tls-key", Certs.Key("hrc")),
            node.Hrc(NoEnvironment, "status", "--tls-cert", Certs.Pfx("hrc"), "--tls-ca", Certs.ClusterCa),
            node.Hrc(new Dictionary<string, string?> { ["HOTRELOAD_TLS__CA"] = Certs.ClusterCa }, "status"),
            node.Hrc(NoEnvironment, "status", "--tls-cert", Certs.ExpiredPem, "--tls-key", Certs.ExpiredKey, "--tls-ca", Certs.ClusterCa),
            HrcProcess.RunAsync(new Dictionary<string, string?> { ["HOTRELOAD_ADMIN_TOKEN"] = TlsNodeFixture.Token }, ["status", "--contact", "akka.ssl.tcp://hotreload@" + node.Contact], TimeSpan.FromSeconds(45)),
            node.Hrc(NoEnvironment, "status", "--tls-password", "x"),
            node.Hrc(NoEnvironment, "status", "--tls-certificate", Certs.Pem("hrc"), "--tls-key", Certs.Key("hrc"), "--tls-ca", Certs.ClusterCa));
        string[] expected =
        [
            "is set but no CA", "needs its password in HOTRELOAD_TLS__PASSWORD", "no certificate", "expired on", "uses TLS: give --tls-cert and --tls-ca",
            "Unknown option 'tls-password'", "Unknown option 'tls-certificate'",
        ];

        for (var i = 0; i < results.Length; i++)
        {
            Assert.True(results[i].ExitCode == 2, results[i].ToString());
            Assert.Contains(expected[i], results[i].Stderr, StringComparison.Ordinal);
            Assert.Empty(results[i].Stdout);
        }
    }
}
