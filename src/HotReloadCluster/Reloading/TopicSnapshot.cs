using System.Collections.Immutable;
using HotReloadCluster.Serialization;

namespace HotReloadCluster.Reloading;

/// <summary>
/// The persisted snapshot of a topic: its current version (with content) and the history index, never the content
/// of older versions, so a snapshot's size does not grow with the number of versions.
/// </summary>
/// <param name="Topic">The topic.</param>
/// <param name="Current">The current version, or null.</param>
/// <param name="Versions">The kept versions, oldest first.</param>
/// <param name="Rejections">The kept rejected attempts, oldest first.</param>
/// <param name="PendingRejection">The last attempt if it was rejected.</param>
/// <param name="JournaledRejectionsSinceVersion">How many rejections were journaled since the current version.</param>
/// <param name="LastSequenceNr">The sequence number of the last event the snapshot includes.</param>
internal sealed record TopicSnapshot(
    string Topic,
    ConfigApplied? Current,
    ImmutableArray<VersionInfo> Versions,
    ImmutableArray<RejectionInfo> Rejections,
    RejectionInfo? PendingRejection,
    int JournaledRejectionsSinceVersion,
    long LastSequenceNr) : IHotReloadMessage;
