using HotReloadCluster.Serialization;

namespace HotReloadCluster.Reloading;

/// <summary>Asks for a topic's reload statistics since its actor started; answered with <see cref="TopicStatistics"/>.</summary>
/// <param name="Topic">The topic.</param>
public sealed record GetTopicStatistics(string Topic) : IHotReloadMessage, IWithTopic;
