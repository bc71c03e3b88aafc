using HotReloadCluster.Cluster;
using HotReloadCluster.Cluster.Tls;
using HotReloadCluster.Tests.Support;

namespace HotReloadCluster.Tests.Cluster.Tls;

/// <summary>Protocols, seed addresses and the plain-TCP warning.</summary>
public sealed class TlsRemotingSpecs
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.2")]
    [InlineData("localhost")]
    [InlineData("::1")]
    [InlineData("[::1]")]
    public void PlainTextWarning_Loopback_IsNone(string hostname)
    {
        Assert.Null(TlsRemoting.PlainTextWarning(hostname));
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("node1")]
    [InlineData("10.0.0.5")]
    public void PlainTextWarning_AnyOtherAddress_SaysHowToTurnTlsOn(string hostname)
    {
        var warning = TlsRemoting.PlainTextWarning(hostname);

        Assert.Contains(hostname + " without TLS", warning, StringComparison.Ordinal);
        Assert.Contains("--tls-cert", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void SeedAddresses_WithTls_UseTheSslProtocol()
    {
        var tls = TestCertificates.Material(TestCertificates.Shared.Pem("node1"), TestCertificates.Shared.Key("node1"), TestCertificates.Shared.ClusterCa);

        var alone = new ClusterNodeOptions { Tls = tls };
        var seeded = new ClusterNodeOptions { Tls = tls, Seeds = ["node1:4053", "akka.tcp://hotreload@node2:4053"] };

        Assert.Equal("akka.ssl.tcp", alone.Protocol);
        Assert.Equal<string>(["akka.ssl.tcp://hotreload@127.0.0.1:4053"], alone.SeedAddresses());
        Assert.Equal<string>(["akka.ssl.tcp://hotreload@node1:4053", "akka.ssl.tcp://hotreload@node2:4053"], seeded.SeedAddresses());
        Assert.Equal<string>(["akka.tcp://hotreload@127.0.0.1:4053"], new ClusterNodeOptions().SeedAddresses());
    }

    [Theory]
    [InlineData("akka.tcp://hotreload@h:1", true, "akka.ssl.tcp://hotreload@h:1")]
    [InlineData("akka.ssl.tcp://hotreload@h:1", true, "akka.ssl.tcp://hotreload@h:1")]
    [InlineData("akka.ssl.tcp://hotreload@h:1", false, "akka.tcp://hotreload@h:1")]
    [InlineData("akka.tcp://hotreload@h:1", false, "akka.tcp://hotreload@h:1")]
    public void WithProtocol_RewritesTheScheme(string address, bool tls, string expected)
    {
        var material = tls ? TestCertificates.Material(TestCertificates.Shared.Pem("node1"), TestCertificates.Shared.Key("node1"), TestCertificates.Shared.ClusterCa) : null;

        Assert.Equal(expected, TlsRemoting.WithProtocol(address, material));
    }
}
