using HotReloadCluster.Serialization;

namespace HotReloadCluster.Reloading;

/// <summary>Asks for a topic's history; answered with <see cref="TopicHistory"/>.</summary>
/// <param name="Topic">The topic.</param>
public sealed record GetHistory(string Topic) : IHotReloadMessage, IWithTopic;
