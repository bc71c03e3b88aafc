using System.Globalization;
using System.Text;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.TestKit;
using HotReloadCluster.Cluster;
using HotReloadCluster.Content;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Events;
using HotReloadCluster.Reloading;
using HotReloadCluster.Subscriptions;
using HotReloadCluster.Tests.Support;
using HotReloadCluster.Watching;
using Xunit.Abstractions;

namespace HotReloadCluster.Tests.Cluster;

/// <summary>
/// The delivery core across ActorSystems on 127.0.0.1 (real remoting, so Akka.Remote's 128,000-byte frame applies),
/// with a real PostgreSQL journal: any size travels, content moves once per node, topics exist because files do.
/// </summary>
public sealed class DeliverySpecs : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly string[] SourceAndRegistry = [HotReloadRoles.Source, HotReloadRoles.Registry];
    private static readonly string[] SubscriberOnly = [HotReloadRoles.Subscriber];
    private readonly TempDirectory _temp = new();
    private readonly PostgresDatabase _database = PostgresDatabase.Create();
    private readonly List<ClusterTestNode> _nodes = [];

    public DeliverySpecs(ITestOutputHelper output)
        : base("akka.loglevel = WARNING", "test", output)
    {
    }

    [Fact]
    public async Task LargeConfigs_300KiBAnd2MiB_ReachASubscriberOnAnotherNode()
    {
        var file = _temp.Write("settings.yaml", "v: 1\n");
        var source = Node(SourceAndRegistry, watch: true);
        var subscriber = Node(SubscriberOnly, join: source);
        await WaitForMembers(2);
        var probe = Subscribe(subscriber, "settings");
        ExpectVersion(probe, 1);

        await File.WriteAllTextAsync(file, LargeYaml(2, 300 * 1024));
        var second = ExpectVersion(probe, 2);
        await File.WriteAllTextAsync(file, LargeYaml(3, 2 * 1024 * 1024));
        var third = ExpectVersion(probe, 3);

        Assert.Equal("value 2 100", ((ConfigScalar)second.Config.Find("key100")!).Text);
        Assert.Equal("value 3 50000", ((ConfigScalar)third.Config.Find("key50000")!).Text);
        Assert.Equal(Core.Hashing.ContentHash.Compute(Encoding.UTF8.GetBytes(await File.ReadAllTextAsync(file))), third.Hash);
        Assert.Equal(3, ContentCache.Get(subscriber.System).Transfers); // one per version, in chunks
    }

    [Fact]
    public async Task Content_IsFetchedOncePerNode_AndNotAgainForARollbackToAVersionItHas()
    {
        var file = _temp.Write("settings.yaml", LargeYaml(1, 200 * 1024));
        var source = Node(SourceAndRegistry, watch: true);
        var subscriber = Node(SubscriberOnly, join: source);
        await WaitForMembers(2);
        var first = Subscribe(subscriber, "settings");
        var second = Subscribe(subscriber, "settings");
        ExpectVersion(first, 1);
        ExpectVersion(second, 1);
        await File.WriteAllTextAsync(file, LargeYaml(2, 200 * 1024));
        ExpectVersion(first, 2);
        var transfers = ContentCache.Get(subscriber.System).Transfers;

        var outcome = await source.Handles.ReloadRegion.Ask<ReloadOutcome>(Rollback.To("settings", 1, "alice"), Timeout);

        Assert.Equal(OutcomeKind.Applied, outcome.Kind);
        var rolledBack = ExpectVersion(first, 3);
        Assert.Equal("value 1 10", ((ConfigScalar)rolledBack.Config.Find("key10")!).Text);
        Assert.Equal(transfers, ContentCache.Get(subscriber.System).Transfers);
        Assert.Equal(2, transfers); // one per content, however many local subscribers
    }

    [Fact]
    public async Task SubscriptionToATopicWithoutFile_CreatesNothingPersistent_ThenGetsVersion1WhenTheFileAppears()
    {
        _temp.Write("settings.yaml", "v: 1\n");
        var source = Node(SourceAndRegistry, watch: true);
        var subscriber = Node(SubscriberOnly, join: source);
        await WaitForMembers(2);
        var probe = Subscribe(subscriber, "sttings");

        // The registry asks for the topic (1 s, 2 s, ...): every ask starts a ReloadActor that finds nothing and stops.
        probe.ExpectNoMsg(TimeSpan.FromSeconds(3.5));
        Assert.Equal(0, _database.Scalar<long>("SELECT count(*) FROM journal WHERE persistence_id = 'reload-sttings'"));
        Assert.False(await source.HostsAsync(HotReloadClusterNode.ReloadTypeName, "sttings"));

        _temp.Write("sttings.yaml", "typo: fixed\n");

        var update = probe.ExpectMsg<ConfigUpdate>(Timeout);
        Assert.Equal(1, update.Version);
        Assert.Equal("fixed", ((ConfigScalar)update.Config.Find("typo")!).Text);
    }

    [Fact]
    public async Task TwoFilesOfOneTopic_OneRulePicksTheYaml_ReportsTheCollision_AndFollowsWhenItGoes()
    {
        var json = _temp.Write("settings.json", """{"from": "json"}""");
        var source = Node(SourceAndRegistry, watch: true);
        var subscriber = Node(SubscriberOnly, join: source);
        await WaitForMembers(2);
        var events = CreateTestProbe(source.System);
        source.System.EventStream.Subscribe(events.Ref, typeof(ReloadEvent));
        var probe = Subscribe(subscriber, "settings");
        Assert.Equal("json", ((ConfigScalar)ExpectVersion(probe, 1).Config.Find("from")!).Text);

        var yaml = _temp.Write("settings.yaml", "from: yaml\n");

        var collision = events.FishForMessage<ReloadEvent>(e => e.Type == ReloadEventType.TopicCollision, Timeout);
        Assert.Contains(yaml + " is read; ignored: " + json, collision.Error, StringComparison.Ordinal);
        Assert.Equal("yaml", ((ConfigScalar)ExpectVersion(probe, 2).Config.Find("from")!).Text);
        var current = await source.Handles.ReloadRegion.Ask<CurrentConfig>(new GetCurrentConfig("settings"), Timeout);
        Assert.Equal(yaml, current.FilePath);
        Assert.Equal(json, Assert.Single(current.IgnoredFiles));

        File.Delete(yaml);

        Assert.Equal("json", ((ConfigScalar)ExpectVersion(probe, 3).Config.Find("from")!).Text);
        await AwaitAssertAsync(async () => Assert.Empty((await source.Handles.ReloadRegion.Ask<CurrentConfig>(new GetCurrentConfig("settings"), Timeout)).IgnoredFiles), Timeout);
        events.FishForMessage<ReloadEvent>(e => e.Type == ReloadEventType.ReloadSuccess && e.Version == 3, Timeout);
        Assert.DoesNotContain(events.ReceiveWhile(TimeSpan.FromMilliseconds(300), o => o as ReloadEvent), e => e!.Type == ReloadEventType.TopicCollision);
    }

    [Fact]
    public async Task DeletedFile_KeepsItsLastVersionReadable_AndItsActorsPassivate()
    {
        var file = _temp.Write("settings.yaml", "v: 1\n");
        var source = Node(SourceAndRegistry, watch: true, reload: new ReloadSettings { DeletedTopicIdle = TimeSpan.FromMilliseconds(300) });
        var subscriber = Node(SubscriberOnly, join: source);
        await WaitForMembers(2);
        var probe = Subscribe(subscriber, "settings");
        ExpectVersion(probe, 1);

        File.Delete(file);

        // The watcher forgets the topic, the ReloadActor passivates; nothing is left in memory but the journal.
        var watcher = source.System.ActorSelection("/user/watch-0");
        await AwaitAssertAsync(async () => Assert.Empty((await watcher.Ask<TrackedFiles>(GetTrackedFiles.Instance, Timeout)).Topics), Timeout);
        await AwaitAssertAsync(async () => Assert.False(await source.HostsAsync(HotReloadClusterNode.ReloadTypeName, "settings")), Timeout);

        var current = await source.Handles.ReloadRegion.Ask<CurrentConfig>(new GetCurrentConfig("settings"), Timeout);
        Assert.True(current.FileDeleted);
        Assert.Equal(1, current.Current!.Version);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(300)); // subscribers keep version 1

        await File.WriteAllTextAsync(file, "v: 2\n");
        Assert.Equal(2, ExpectVersion(probe, 2).Version);
    }

    protected override void AfterAll()
    {
        Task.WhenAll(_nodes.Select(n => Task.Run(n.Dispose))).Wait(Timeout);
        base.AfterAll();
        _database.Dispose();
        _temp.Dispose();
    }

    private static string LargeYaml(int seed, int bytes)
    {
        var builder = new StringBuilder();
        for (var i = 0; builder.Length < bytes; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"key{i}: value {seed} {i}\n");
        }

        return builder.ToString();
    }

    private static ConfigUpdate ExpectVersion(TestProbe probe, long version)
    {
        var update = probe.ExpectMsg<ConfigUpdate>(Timeout);
        Assert.Equal(version, update.Version);
        return update;
    }

    private ClusterTestNode Node(string[] roles, bool watch = false, ClusterTestNode? join = null, ReloadSettings? reload = null)
    {
        var node = ClusterTestNode.Start(roles, _database.Persistence, watch ? _temp.Path : null, join?.Address, reload);
        _nodes.Add(node);
        return node;
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
