using Akka.Actor;

namespace HotReloadCluster.Hosting;

/// <summary>Starting event-stream listeners without a window in which they miss events.</summary>
internal static class EventStreamActors
{
    /// <summary>
    /// Starts a top-level actor and subscribes it to <paramref name="eventType"/> before returning, so it sees
    /// every event published after this call (subscribing in PreStart would leave a gap).
    /// </summary>
    public static IActorRef StartSubscribed(ActorSystem system, Props props, string name, Type eventType)
    {
        ArgumentNullException.ThrowIfNull(system);
        var actor = system.ActorOf(props, name);
        system.EventStream.Subscribe(actor, eventType);
        return actor;
    }
}
