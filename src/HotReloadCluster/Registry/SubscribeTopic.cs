using Akka.Actor;
using HotReloadCluster.Serialization;

namespace HotReloadCluster.Registry;

/// <summary>
/// Registers <paramref name="Subscriber"/> with the topic's registry entity. Idempotent and sent again
/// periodically: the registry answers with the current version whenever it is newer than
/// <paramref name="KnownVersion"/>, which is how late joiners, cut-off subscribers and subscribers of a moved
/// registry entity catch up.
/// </summary>
/// <param name="Topic">The topic.</param>
/// <param name="Subscriber">Who receives <see cref="ConfigChanged"/>.</param>
/// <param name="KnownVersion">The last version the subscriber has (0 for none).</param>
internal sealed record SubscribeTopic(string Topic, IActorRef Subscriber, long KnownVersion) : IHotReloadMessage, IWithTopic;
