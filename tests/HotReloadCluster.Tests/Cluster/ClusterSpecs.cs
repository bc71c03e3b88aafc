using Akka.Actor;
using Akka.TestKit;
using HotReloadCluster.Cluster;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Substitution;
using HotReloadCluster.Reloading;
using HotReloadCluster.Subscriptions;
using HotReloadCluster.Tests.Support;
using Xunit.Abstractions;

namespace HotReloadCluster.Tests.Cluster;

/// <summary>Three-node clusters in this process on 127.0.0.1, sharing a real PostgreSQL journal.</summary>
public sealed class ClusterSpecs : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly string[] SourceAndRegistry = [HotReloadRoles.Source, HotReloadRoles.Registry];
    private static readonly string[] SubscriberOnly = [HotReloadRoles.Subscriber];
    private readonly TempDirectory _temp = new();
    private readonly PostgresDatabase _database = PostgresDatabase.Create();
    private readonly List<ClusterTestNode> _nodes = [];

    public ClusterSpecs(ITestOutputHelper output)
        : base("akka.loglevel = WARNING", "test", output)
    {
    }

    [Fact]
    public async Task FanOut_SubscribersOnTwoNodes_ReceiveEveryVersionInOrder()
    {
        var file = _temp.Write("settings.yaml", "v: 1\n");
        var source = Node(SourceAndRegistry, watch: true);
        var b = Node(SubscriberOnly, join: source);
        var c = Node(SubscriberOnly, join: source);
        await WaitForMembers(3);
        var onB = Subscribe(b, "settings");
        var onC = Subscribe(c, "settings");
        ExpectVersion(onB, 1);
        ExpectVersion(onC, 1);

        await File.WriteAllTextAsync(file, "v: 2\n");
        ExpectVersion(onB, 2);
        await File.WriteAllTextAsync(file, "v: 3\n");

        var third = ExpectVersion(onB, 3);
        ExpectVersion(onC, 2);
        ExpectVersion(onC, 3);
        Assert.Equal(3, ((ConfigScalar)third.Config.Find("v")!).AsInteger());
        Assert.Equal<string>(["~ v: 2 -> 3"], third.Diff);
    }

    [Fact]
    public async Task LateJoiner_GetsTheCurrentVersionAtOnce()
    {
        var file = _temp.Write("settings.yaml", "v: 1\n");
        var source = Node(SourceAndRegistry, watch: true);
        var early = Node(SubscriberOnly, join: source);
        await WaitForMembers(2);
        var onEarly = Subscribe(early, "settings");
        ExpectVersion(onEarly, 1);
        await File.WriteAllTextAsync(file, "v: 2\n");
        ExpectVersion(onEarly, 2);

        var late = Node(SubscriberOnly, join: source);
        await WaitForMembers(3);
        var onLate = Subscribe(late, "settings");

        var first = onLate.ExpectMsg<ConfigUpdate>(Timeout);
        Assert.Equal(2, first.Version);
    }

    [Fact]
    public async Task RegistryEntityMoves_WhenItsNodeLeaves_SubscribersStillFed()
    {
        var file = _temp.Write("settings.yaml", "v: 1\n");
        var a = Node(SourceAndRegistry, watch: true);
        var b = Node(SourceAndRegistry, watch: true, join: a);
        var c = Node(SubscriberOnly, join: a);
        await WaitForMembers(3);
        var onC = Subscribe(c, "settings");
        ExpectVersion(onC, 1);
        var host = await a.HostsAsync(HotReloadClusterNode.RegistryTypeName, "settings") ? a : b;
        var survivor = host == a ? b : a;

        await Akka.Cluster.Cluster.Get(host.System).LeaveAsync();
        await AwaitConditionAsync(() => Task.FromResult(survivor.UpMembers() == 2), Timeout);
        await File.WriteAllTextAsync(file, "v: 2\n");

        var update = ExpectVersion(onC, 2);
        Assert.Equal(2, ((ConfigScalar)update.Config.Find("v")!).AsInteger());
        Assert.True(await survivor.HostsAsync(HotReloadClusterNode.RegistryTypeName, "settings"));
    }

    [Fact]
    public async Task RegistryHostDowned_SubscribersRegisterAgainAtOnce_NotAtTheirPeriodicResubscribe()
    {
        var file = _temp.Write("settings.yaml", "v: 1\n");
        var a = Node(SourceAndRegistry, watch: true);
        var b = Node(SourceAndRegistry, watch: true, join: a);

        // No periodic re-subscribe within the test: only the reaction to the removed config node can feed c again.
        var c = Node(SubscriberOnly, join: a, subscriptions: new SubscriptionSettings { ResubscribeInterval = TimeSpan.FromHours(1) });
        await WaitForMembers(3);
        var onC = Subscribe(c, "settings");
        ExpectVersion(onC, 1);
        var survivor = await CrashTheHostAsync(HotReloadClusterNode.RegistryTypeName, a, b);
        await AwaitConditionAsync(() => Task.FromResult(survivor.UpMembers() == 2 && c.UpMembers() == 2), Timeout);
        await AwaitAssertAsync(async () => Assert.True(await survivor.HostsAsync(HotReloadClusterNode.ReloadTypeName, "settings")), Timeout);
        await File.WriteAllTextAsync(file, "v: 2\n");

        ExpectVersion(onC, 2);
    }

    [Fact]
    public async Task ReloadActorFailover_NodeDowned_NextChangeAppliedExactlyOnce()
    {
        var file = _temp.Write("settings.yaml", "v: 1\n");
        var a = Node(SourceAndRegistry, watch: true);
        var b = Node(SourceAndRegistry, watch: true, join: a);
        var c = Node(SubscriberOnly, join: a);
        await WaitForMembers(3);
        var onC = Subscribe(c, "settings");
        ExpectVersion(onC, 1);
        var survivor = await CrashTheHostAsync(HotReloadClusterNode.ReloadTypeName, a, b);
        await AwaitConditionAsync(() => Task.FromResult(survivor.UpMembers() == 2), Timeout);
        await AwaitAssertAsync(async () => Assert.True(await survivor.HostsAsync(HotReloadClusterNode.ReloadTypeName, "settings")), Timeout);
        await File.WriteAllTextAsync(file, "v: 2\n");

        ExpectVersion(onC, 2);
        var history = await survivor.Handles.ReloadRegion.Ask<TopicHistory>(new GetHistory("settings"), Timeout);
        Assert.Equal([1L, 2L], history.Versions.Select(v => v.Version));
        onC.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task ApplyFailed_OnOneSubscriber_RollsTheTopicBackClusterWide()
    {
        var file = _temp.Write("settings.yaml", "mode: plain\n");
        var withVariable = new DictionaryVariableSource(new Dictionary<string, string> { ["HRC_CLUSTER_MODE"] = "fancy" });
        var without = new DictionaryVariableSource(new Dictionary<string, string>());
        var source = Node(SourceAndRegistry, watch: true, reload: new ReloadSettings { Variables = withVariable });
        var b = Node(SubscriberOnly, join: source, subscriptions: new SubscriptionSettings { Variables = withVariable, ResubscribeInterval = TimeSpan.FromMilliseconds(300) });
        var c = Node(SubscriberOnly, join: source, subscriptions: new SubscriptionSettings { Variables = without, ResubscribeInterval = TimeSpan.FromMilliseconds(300) });
        await WaitForMembers(3);
        var onB = Subscribe(b, "settings");
        var onC = Subscribe(c, "settings");
        ExpectVersion(onB, 1);
        ExpectVersion(onC, 1);

        await File.WriteAllTextAsync(file, "mode: ${HRC_CLUSTER_MODE}\n");

        Assert.Equal("fancy", ((ConfigScalar)ExpectVersion(onB, 2).Config.Find("mode")!).Text);
        var rollbackOnB = ExpectVersion(onB, 3);
        var rollbackOnC = ExpectVersion(onC, 3);
        Assert.Equal(OriginKind.Rollback, rollbackOnB.Origin.Kind);
        Assert.Equal(1, rollbackOnB.Origin.RollbackTo);
        Assert.Equal("plain", ((ConfigScalar)rollbackOnC.Config.Find("mode")!).Text);
        var current = await source.Handles.ReloadRegion.Ask<CurrentConfig>(new GetCurrentConfig("settings"), Timeout);
        Assert.True(current.Pinned);
    }

    protected override void AfterAll()
    {
        // The whole cluster goes at once: no graceful leave, no hand-off (that is what the tests above cover).
        Task.WhenAll(_nodes.Select(n => Task.Run(n.Dispose))).Wait(Timeout);

        base.AfterAll();
        _database.Dispose();
        _temp.Dispose();
    }

    private static ConfigUpdate ExpectVersion(TestProbe probe, long version)
    {
        var update = probe.ExpectMsg<ConfigUpdate>(Timeout);
        Assert.Equal(version, update.Version);
        return update;
    }

    private ClusterTestNode Node(string[] roles, bool watch = false, ClusterTestNode? join = null, ReloadSettings? reload = null, SubscriptionSettings? subscriptions = null)
    {
        var node = ClusterTestNode.Start(roles, _database.Persistence, watch ? _temp.Path : null, join?.Address, reload, subscriptions);
        _nodes.Add(node);
        return node;
    }

    /// <summary>
    /// A crash as the cluster sees it, of whichever of <paramref name="a"/> and <paramref name="b"/> hosts the topic's
    /// <paramref name="typeName"/> entity: downed (not left) and its system gone. Returns the other one.
    /// </summary>
    private static async Task<ClusterTestNode> CrashTheHostAsync(string typeName, ClusterTestNode a, ClusterTestNode b)
    {
        var host = await a.HostsAsync(typeName, "settings") ? a : b;
        var survivor = host == a ? b : a;
        Akka.Cluster.Cluster.Get(survivor.System).Down(host.Address);
        await host.System.Terminate();
        return survivor;
    }

    private TestProbe Subscribe(ClusterTestNode node, string topic)
    {
        var probe = CreateTestProbe(node.System);
        node.Handles.Subscriptions!.Tell(new Subscribe(topic, probe.Ref));
        return probe;
    }

    private Task WaitForMembers(int count) =>
        AwaitConditionAsync(() => Task.FromResult(_nodes.All(n => n.UpMembers() == count)), Timeout);
}
