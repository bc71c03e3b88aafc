using HotReloadCluster.Serialization;

namespace HotReloadCluster.Reloading;

/// <summary>Asks for a kept version's metadata (the current one when <paramref name="Version"/> is null); answered with <see cref="VersionLookup"/>.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Version">The version, or null for the current one.</param>
public sealed record GetVersion(string Topic, long? Version) : IHotReloadMessage, IWithTopic;
