using HotReloadCluster.Cluster;
using HotReloadCluster.Hosting;
using HotReloadCluster.Tests.Support;

namespace HotReloadCluster.Tests.Cluster;

/// <summary>What an incarnation does when another node tells it that it was quarantined (removed from the cluster).</summary>
public sealed class QuarantineWatcherSpecs
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Quarantined_DownsItselfAtOnce_AndTellsTheSupervisorOnce()
    {
        using var node = ClusterTestNode.Start([HotReloadRoles.Subscriber, HotReloadRoles.Source, HotReloadRoles.Registry], HotReloadPersistence.InMemory);
        var cluster = Akka.Cluster.Cluster.Get(node.System);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        await up.Task.WaitAsync(Timeout);
        var removed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberRemoved(() => removed.TrySetResult());
        var told = 0;
        QuarantineWatcher.Start(node.System, _ => Interlocked.Increment(ref told));

        var remote = new Akka.Actor.Address("akka.tcp", "hotreload", "127.0.0.1", 1);
        node.System.EventStream.Publish(new Akka.Remote.ThisActorSystemQuarantinedEvent(cluster.SelfAddress, remote));
        node.System.EventStream.Publish(new Akka.Remote.ThisActorSystemQuarantinedEvent(cluster.SelfAddress, remote));

        // Downed in its own view and removed: no graceful leave that the others would never answer.
        await removed.Task.WaitAsync(Timeout);
        Assert.Equal(1, Volatile.Read(ref told));
    }
}
