using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using HotReloadCluster.Cluster.Tls;
using HotReloadCluster.Hosting;
using HotReloadCluster.Tests.Support;

namespace HotReloadCluster.Tests.Cluster.Tls;

/// <summary>
/// In-process nodes on 127.0.0.1 with mutual TLS: nodes of the cluster CA form a cluster; a plain node, a node of
/// another CA and a node whose certificate (of the cluster CA) has expired never become members, while a good node
/// joins in the same window. The intruders with certificates trust the cluster CA too, so it is the cluster that
/// refuses them, and says why.
/// </summary>
public sealed class TlsClusterSpecs : IDisposable
{
    private static readonly TimeSpan JoinWithin = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan StaysOutFor = TimeSpan.FromSeconds(8);
    private static readonly TestCertificates Certs = TestCertificates.Shared;
    private readonly List<ClusterTestNode> _nodes = [];

    public enum Intruder
    {
        Plain,
        OtherCa,
        Expired,
    }

    [Fact]
    public async Task TwoNodes_WithCertificatesOfTheClusterCa_FormACluster()
    {
        var a = Start(TestCertificates.Material(Certs.Pem("node1"), Certs.Key("node1"), Certs.ClusterCa));
        var b = Start(TestCertificates.Material(Certs.Pem("node2"), Certs.Key("node2"), Certs.ClusterCa), join: a.Address);

        await WaitUntil(() => a.UpMembers() == 2 && b.UpMembers() == 2, JoinWithin, "both nodes Up in both views");

        Assert.Equal(TlsRemoting.TlsProtocol, a.Address.Protocol);
        Assert.Equal(TlsRemoting.TlsProtocol, b.Address.Protocol);
    }

    [Theory]
    [InlineData(Intruder.Plain, null)]
    [InlineData(Intruder.OtherCa, "it is not issued by the cluster's CA")]
    [InlineData(Intruder.Expired, "it is expired")]
    public async Task Intruder_CannotJoinTheTlsCluster(Intruder kind, string? refusal)
    {
        var a = Start(TestCertificates.Material(Certs.Pem("node1"), Certs.Key("node1"), Certs.ClusterCa));
        var warnings = Warnings(a);
        await WaitUntil(() => a.UpMembers() == 1, JoinWithin, "the first node Up");

        var intruder = kind switch
        {
            Intruder.Plain => Start(null, join: new Address(TlsRemoting.PlainProtocol, a.Address.System, a.Address.Host, a.Address.Port)),
            Intruder.OtherCa => Start(TestCertificates.Material(Certs.Pem("intruder"), Certs.Key("intruder"), Certs.BothCas), join: a.Address),
            _ => Start(TestCertificates.Material(Certs.ExpiredPem, Certs.ExpiredKey, Certs.ClusterCa), join: a.Address),
        };
        var good = Start(TestCertificates.Material(Certs.Pem("node2"), Certs.Key("node2"), Certs.ClusterCa), join: a.Address);

        // Polled: the good node shows the cluster was open to join all along; the intruder never appears.
        var deadline = DateTime.UtcNow + StaysOutFor;
        while (DateTime.UtcNow < deadline)
        {
            Assert.DoesNotContain(Members(a), m => m.Address.Port == intruder.Address.Port);
            Assert.DoesNotContain(Members(intruder), m => m.Address.Port == a.Address.Port);
            await Task.Delay(100);
        }

        Assert.Contains(Members(a), m => m.Address == good.Address && m.Status == MemberStatus.Up);
        if (refusal is not null)
        {
            Assert.Contains(warnings, w => w.Contains("TLS: refused the certificate", StringComparison.Ordinal) && w.Contains(refusal, StringComparison.Ordinal));
        }
    }

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }
    }

    private static System.Collections.Immutable.ImmutableSortedSet<Member> Members(ClusterTestNode node) => Akka.Cluster.Cluster.Get(node.System).State.Members;

    private static ConcurrentQueue<string> Warnings(ClusterTestNode node)
    {
        var lines = new ConcurrentQueue<string>();
        var collector = node.System.ActorOf(Props.Create(() => new WarningCollector(lines)));
        node.System.EventStream.Subscribe(collector, typeof(Warning));
        return lines;
    }

    private static async Task WaitUntil(Func<bool> condition, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not within {within}: {what}.");
            }

            await Task.Delay(100);
        }
    }

    private ClusterTestNode Start(TlsCertificates? tls, Address? join = null)
    {
        var node = ClusterTestNode.Start([], HotReloadPersistence.InMemory, join: join, tls: tls);
        _nodes.Add(node);
        return node;
    }

    private sealed class WarningCollector : ReceiveActor
    {
        public WarningCollector(ConcurrentQueue<string> lines) => Receive<Warning>(w => lines.Enqueue(w.Message?.ToString() ?? string.Empty));
    }
}
