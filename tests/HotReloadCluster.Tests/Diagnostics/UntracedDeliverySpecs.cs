using Akka.Actor;
using HotReloadCluster.Cluster;
using HotReloadCluster.Hosting;
using HotReloadCluster.Registry;
using HotReloadCluster.Subscriptions;
using HotReloadCluster.Tests.Support;
using Xunit.Abstractions;

namespace HotReloadCluster.Tests.Diagnostics;

/// <summary>
/// When nothing listens to the <c>HotReloadCluster</c> activity source, versions travel as before: no span, no trace
/// context in the messages (two ActorSystems on 127.0.0.1, as in <see cref="TracingSpecs"/>).
/// </summary>
[Collection(NoTelemetryListeners.Name)]
public sealed class UntracedDeliverySpecs : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _temp = new();
    private readonly List<ClusterTestNode> _nodes = [];

    public UntracedDeliverySpecs(ITestOutputHelper output)
        : base("akka.loglevel = WARNING", "test", output)
    {
    }

    [Fact]
    public async Task NobodyListening_VersionsTravelWithoutTraceContext()
    {
        var file = _temp.Write("watched/settings.yaml", "v: 1\n");
        var source = Start([HotReloadRoles.Source, HotReloadRoles.Registry], HotReloadPersistence.Sqlite(_temp.File(".data/journal.db")), _temp.File("watched"));
        var subscriber = Start([HotReloadRoles.Subscriber], HotReloadPersistence.InMemory, join: source);
        await AwaitConditionAsync(() => Task.FromResult(_nodes.All(n => n.UpMembers() == 2)), Timeout);
        var probe = CreateTestProbe(subscriber.System);
        subscriber.Handles.Subscriptions!.Tell(new Subscribe("settings", probe.Ref));
        probe.ExpectMsg<ConfigUpdate>(Timeout);
        var registry = CreateTestProbe(source.System);

        await File.WriteAllTextAsync(file, "v: 2\n");
        probe.ExpectMsg<ConfigUpdate>(Timeout);
        source.Handles.RegistryRegion.Tell(new SubscribeTopic("settings", registry.Ref, 1), registry.Ref);

        var change = registry.ExpectMsg<ConfigChanged>(Timeout);
        Assert.Equal(2, change.Version);
        Assert.Null(change.TraceParent);
    }

    protected override void AfterAll()
    {
        Task.WhenAll(_nodes.Select(n => Task.Run(n.Dispose))).Wait(Timeout);
        base.AfterAll();
        _temp.Dispose();
    }

    private ClusterTestNode Start(string[] roles, HotReloadPersistence persistence, string? watch = null, ClusterTestNode? join = null)
    {
        var node = ClusterTestNode.Start(roles, persistence, watch, join?.Address);
        _nodes.Add(node);
        return node;
    }
}
