using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.TestKit;
using HotReloadCluster.Cluster;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Hosting;
using HotReloadCluster.Registry;
using HotReloadCluster.Reloading;
using HotReloadCluster.Serialization;
using Xunit.Abstractions;

namespace HotReloadCluster.Tests.Registry;

/// <summary>
/// A topic's registry entity keeps what each subscriber node last applied or refused: one entry per node, idempotent,
/// never moving back to an older version, gone when the subscription ends or the node leaves the cluster. The entity runs
/// in a one-node cluster (plus a second ActorSystem for the node that leaves), with probes as subscribers.
/// </summary>
public sealed class NodeVersionSpecs : Akka.TestKit.Xunit2.TestKit
{
    private const string Topic = "settings";
    private const string NodeA = "akka.tcp://hotreload@10.0.0.1:4053";
    private const string NodeB = "akka.tcp://hotreload@10.0.0.2:4053";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private static readonly DateTimeOffset At = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly TestProbe _reload;
    private readonly IActorRef _registry;
    private ActorSystem? _other;

    public NodeVersionSpecs(ITestOutputHelper output)
        : base(ClusterConfig(), new ClusterNodeOptions().SystemName, output)
    {
        Akka.Cluster.Cluster.Get(Sys).Join(Akka.Cluster.Cluster.Get(Sys).SelfAddress);
        _reload = CreateTestProbe();
        _registry = Sys.ActorOf(ConfigRegistryActor.Props(Topic, _reload.Ref), "registry");
        _reload.ExpectMsg<RequestLatest>(Timeout);
        _reload.Send(_registry, new VersionPublished(Topic, Changed(3)));
        _reload.ExpectMsg<VersionAcknowledged>(Timeout);
    }

    [Fact]
    public void Report_AppliedOnOneNodeRefusedOnAnother_ListsBothWithTheirErrors()
    {
        var a = Subscriber();
        var b = Subscriber();

        a.Send(_registry, new VersionReport(Topic, NodeA, 3, At, null));
        b.Send(_registry, new VersionReport(Topic, NodeB, 3, At.AddSeconds(1), "missing variable ${DB_PASSWORD}"));

        var state = State();
        Assert.Equal(2, state.Subscribers);
        Assert.False(state.MoreNodes);
        Assert.Equal(
            new[] { new NodeVersion(NodeA, 3, At, null), new NodeVersion(NodeB, 3, At.AddSeconds(1), "missing variable ${DB_PASSWORD}") },
            state.Nodes);
    }

    [Fact]
    public void Report_OlderVersionOrTheSameReportAgain_ChangesNothing()
    {
        var a = Subscriber();
        a.Send(_registry, new VersionReport(Topic, NodeA, 3, At, null));

        a.Send(_registry, new VersionReport(Topic, NodeA, 2, At.AddMinutes(1), null));
        a.Send(_registry, new VersionReport(Topic, NodeA, 3, At, null));

        Assert.Equal(new[] { new NodeVersion(NodeA, 3, At, null) }, State().Nodes);
    }

    [Fact]
    public void Report_RefusalOfTheVersionAppliedJustBefore_ReplacesIt_AndAnEarlierReportOfItDoesNotComeBack()
    {
        // The topic actor applied v3, then the application's options validation refused it on the same node.
        var a = Subscriber();
        a.Send(_registry, new VersionReport(Topic, NodeA, 3, At, null));

        a.Send(_registry, new VersionReport(Topic, NodeA, 3, At.AddMilliseconds(5), "refused by the application's options validation"));
        a.Send(_registry, new VersionReport(Topic, NodeA, 3, At, null));

        Assert.Equal(new[] { new NodeVersion(NodeA, 3, At.AddMilliseconds(5), "refused by the application's options validation") }, State().Nodes);
    }

    [Fact]
    public void Report_FromASenderThatIsNotSubscribed_IsIgnored()
    {
        var stranger = CreateTestProbe();

        stranger.Send(_registry, new VersionReport(Topic, NodeA, 3, At, null));

        Assert.True(State().Nodes.IsEmpty);
    }

    [Fact]
    public void UnsubscribeOrTermination_RemovesTheNodesEntry()
    {
        var a = Subscriber();
        var b = Subscriber();
        a.Send(_registry, new VersionReport(Topic, NodeA, 3, At, null));
        b.Send(_registry, new VersionReport(Topic, NodeB, 3, At, null));
        Assert.Equal(2, State().Nodes.Length);

        a.Send(_registry, new UnsubscribeTopic(Topic, a.Ref));
        Watch(b.Ref);
        Sys.Stop(b.Ref);
        ExpectTerminated(b.Ref, Timeout);

        AwaitAssert(() => Assert.Equal((0, 0), (State().Nodes.Length, State().Subscribers)), Timeout);
    }

    [Fact]
    public async Task NodeRemovedFromTheCluster_ItsEntryGoes_EvenWhereItsReporterStillLives()
    {
        _other = ActorSystem.Create(new ClusterNodeOptions().SystemName, ClusterConfig());
        Akka.Cluster.Cluster.Get(_other).Join(Akka.Cluster.Cluster.Get(Sys).SelfAddress);
        await AwaitAssertAsync(() => Assert.Equal(2, Akka.Cluster.Cluster.Get(Sys).State.Members.Count(m => m.Status == MemberStatus.Up)), Timeout);
        var otherAddress = Akka.Cluster.Cluster.Get(_other).SelfAddress;

        // A subscriber on the other node, reporting over remoting (its ref and report go through our serializer) ...
        var remote = CreateTestProbe(_other);
        var registryThere = await _other.ActorSelection(_registry.Path.ToStringWithAddress(Akka.Cluster.Cluster.Get(Sys).SelfAddress)).ResolveOne(Timeout);
        remote.Send(registryThere, new SubscribeTopic(Topic, remote.Ref, 0));
        remote.ExpectMsg<ConfigChanged>(Timeout);
        remote.Send(registryThere, new VersionReport(Topic, otherAddress.ToString(), 3, At, null));

        await AwaitAssertAsync(() => Assert.Equal(new NodeVersion(otherAddress.ToString(), 3, At, null), Assert.Single(State().Nodes)), Timeout);

        // A newer report for that node from a subscriber here, which outlives the node: no death watch will remove this
        // entry, only the membership event.
        var local = Subscriber();
        local.Send(_registry, new VersionReport(Topic, otherAddress.ToString(), 4, At, null));
        local.Send(_registry, new VersionReport(Topic, NodeA, 3, At, null));
        Assert.Equal(new[] { NodeA, otherAddress.ToString() }, State().Nodes.Select(n => n.Node).Order(StringComparer.Ordinal));

        await Akka.Cluster.Cluster.Get(_other).LeaveAsync();

        await AwaitAssertAsync(() => Assert.Equal(new[] { NodeA }, State().Nodes.Select(n => n.Node)), Timeout);
        await AwaitAssertAsync(() => Assert.Equal(1, State().Subscribers), Timeout); // the local subscriber stays; the remote one went with its node
    }

    protected override void AfterAll()
    {
        _other?.Terminate().Wait(Timeout);
        base.AfterAll();
    }

    private static Config ClusterConfig() =>
        ClusterHocon.For(new ClusterNodeOptions { Port = 0, Roles = [HotReloadRoles.Registry], ExtraHocon = ClusterHocon.FastTestTimings + "\nakka.loglevel = WARNING" })
            .WithFallback(ConfigurationFactory.ParseString(SerializationHocon.Config))
            .WithFallback(ConfigurationFactory.ParseString(RuntimeHocon.Config));

    private static ConfigChanged Changed(long version) =>
        new(Topic, version, "sha256:00", ConfigFormat.Yaml, ConfigOrigin.File("/config/settings.yaml"), At, 10, ImmutableArray<string>.Empty, 0);

    /// <summary>A subscribed probe that got the current version.</summary>
    private TestProbe Subscriber()
    {
        var probe = CreateTestProbe();
        probe.Send(_registry, new SubscribeTopic(Topic, probe.Ref, 0));
        probe.ExpectMsg<ConfigChanged>(Timeout);
        return probe;
    }

    private RegistryState State()
    {
        _registry.Tell(new GetRegistryState(Topic), TestActor);
        return ExpectMsg<RegistryState>(Timeout);
    }
}
