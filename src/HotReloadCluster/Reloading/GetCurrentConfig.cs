using HotReloadCluster.Serialization;

namespace HotReloadCluster.Reloading;

/// <summary>Asks for a topic's current version; answered with <see cref="CurrentConfig"/>.</summary>
/// <param name="Topic">The topic.</param>
public sealed record GetCurrentConfig(string Topic) : IHotReloadMessage, IWithTopic;
