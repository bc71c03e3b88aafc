using HotReloadCluster.Serialization;

namespace HotReloadCluster.Registry;

/// <summary>The registry holds <paramref name="Version"/> (or a later one) of <paramref name="Topic"/>.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Version">The version the registry now holds.</param>
internal sealed record VersionAcknowledged(string Topic, long Version) : IHotReloadMessage, IWithTopic;
