using HotReloadCluster.Serialization;

namespace HotReloadCluster.Reloading;

/// <summary>Asks the topic host to make sure the topic's ReloadActor runs (idempotent).</summary>
/// <param name="Topic">The topic.</param>
/// <param name="FilePath">The topic's file.</param>
public sealed record EnsureTopic(string Topic, string FilePath) : IHotReloadMessage, IWithTopic;
