using System.Collections.Immutable;
using HotReloadCluster.Serialization;

namespace HotReloadCluster.Reloading;

/// <summary>
/// The snapshot format before version 2 (every version's content in every snapshot). It is still read so that an
/// older journal recovers: a ReloadActor offered one deletes it and recovers again from the events, which that format
/// never deleted, then writes a <see cref="TopicSnapshot"/>.
/// </summary>
/// <param name="Topic">The topic.</param>
/// <param name="Versions">Every applied version.</param>
/// <param name="Rejections">Rejected attempts.</param>
internal sealed record ReloadSnapshot(
    string Topic,
    ImmutableArray<ConfigApplied> Versions,
    ImmutableArray<ConfigRejected> Rejections) : IHotReloadMessage;
