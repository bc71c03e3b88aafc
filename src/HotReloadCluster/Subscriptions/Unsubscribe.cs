using Akka.Actor;

namespace HotReloadCluster.Subscriptions;

/// <summary>Stops notifying an actor of a topic's versions.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Subscriber">The actor.</param>
public sealed record Unsubscribe(string Topic, IActorRef Subscriber);
