using HotReloadCluster.Serialization;

namespace HotReloadCluster.Reloading;

/// <summary>The answer to <see cref="GetVersion"/>: the version, or why there is none (e.g. deleted by retention, naming the oldest kept).</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Version">The version's metadata, or null.</param>
/// <param name="Error">Why there is none.</param>
public sealed record VersionLookup(string Topic, VersionInfo? Version, string? Error) : IHotReloadMessage, IWithTopic;
