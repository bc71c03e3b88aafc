using HotReloadCluster.Serialization;

namespace HotReloadCluster.Reloading;

/// <summary>The answer to a topic command when no watched file defines that topic.</summary>
/// <param name="Topic">The unknown topic.</param>
public sealed record TopicNotFound(string Topic) : IHotReloadMessage, IWithTopic;
