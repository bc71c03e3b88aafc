using System.Collections.Immutable;
using HotReloadCluster.Serialization;

namespace HotReloadCluster.Reloading;

/// <summary>The persisted snapshot of a topic: every applied version and the retained rejections.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Versions">Every applied version, ascending.</param>
/// <param name="Rejections">The most recent rejected attempts, oldest first.</param>
public sealed record ReloadSnapshot(
    string Topic,
    ImmutableArray<ConfigApplied> Versions,
    ImmutableArray<ConfigRejected> Rejections) : IHotReloadMessage;
