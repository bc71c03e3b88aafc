using Akka.Actor;
using HotReloadCluster.Serialization;

namespace HotReloadCluster.Registry;

/// <summary>Removes a subscriber from the topic's registry entity.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Subscriber">The subscriber.</param>
internal sealed record UnsubscribeTopic(string Topic, IActorRef Subscriber) : IHotReloadMessage, IWithTopic;
