using Akka.Actor;

namespace HotReloadCluster.Subscriptions;

/// <summary>
/// Subscribes an actor of this node to a topic (send it to the node's <see cref="SubscriptionManagerActor"/>).
/// The actor gets the current version at once, then every new one as a <see cref="ConfigUpdate"/>.
/// </summary>
/// <param name="Topic">The topic.</param>
/// <param name="Subscriber">The actor to notify.</param>
public sealed record Subscribe(string Topic, IActorRef Subscriber);
