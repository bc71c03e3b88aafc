using Akka.Actor;
using Akka.Remote;

namespace HotReloadCluster.Cluster;

/// <summary>
/// Tells once when another node has quarantined this ActorSystem (<see cref="ThisActorSystemQuarantinedEvent"/>): that
/// node removed this one from the cluster — downed it after a long pause or a partition — and will never talk to this
/// incarnation again. Waiting for this node's own failure detector and split brain resolver to reach the same conclusion
/// took another ~15 s after a 25 s pause; an incarnation that is told starts the next one at once.
/// </summary>
internal sealed class QuarantineWatcherActor : ReceiveActor
{
    /// <summary>Creates the watcher; <paramref name="quarantined"/> runs on the first event only.</summary>
    public QuarantineWatcherActor(Action<ThisActorSystemQuarantinedEvent> quarantined)
    {
        Receive<ThisActorSystemQuarantinedEvent>(e =>
        {
            // Down this node in its own view first: a graceful leave cannot complete when the others no longer talk to
            // it, and waiting for it cost ~6 s before the next incarnation could start.
            var cluster = Akka.Cluster.Cluster.Get(Context.System);
            if (!cluster.IsTerminated)
            {
                cluster.Down(cluster.SelfAddress);
            }

            quarantined(e);
            Context.System.EventStream.Unsubscribe(Self);
            Become(_ => { });
        });
    }

}

/// <summary>Starts a <see cref="QuarantineWatcherActor"/>.</summary>
internal static class QuarantineWatcher
{
    /// <summary>Starts a watcher on <paramref name="system"/>.</summary>
    public static IActorRef Start(ActorSystem system, Action<ThisActorSystemQuarantinedEvent> quarantined)
    {
        ArgumentNullException.ThrowIfNull(system);
        var watcher = system.ActorOf(Props.Create(() => new QuarantineWatcherActor(quarantined)).WithDeploy(Deploy.Local), "hotreload-quarantine-watcher");
        system.EventStream.Subscribe(watcher, typeof(ThisActorSystemQuarantinedEvent));
        return watcher;
    }
}
