using HotReloadCluster.Serialization;

namespace HotReloadCluster.Registry;

/// <summary>A (re)started registry entity asking the topic's ReloadActor to publish its current version again.</summary>
/// <param name="Topic">The topic.</param>
internal sealed record RequestLatest(string Topic) : IHotReloadMessage, IWithTopic;
