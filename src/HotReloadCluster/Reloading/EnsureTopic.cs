using HotReloadCluster.Serialization;

namespace HotReloadCluster.Reloading;

/// <summary>Asks that the topic's ReloadActor runs (idempotent); the path is a hint, the rule in <see cref="Topics.TopicFiles"/> decides.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="FilePath">The topic's file.</param>
internal sealed record EnsureTopic(string Topic, string FilePath) : IHotReloadMessage, IWithTopic;
