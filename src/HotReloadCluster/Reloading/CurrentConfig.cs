using System.Collections.Immutable;
using HotReloadCluster.Serialization;

namespace HotReloadCluster.Reloading;

/// <summary>A topic's current version (metadata only: content is fetched by hash) and its relation to the file.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Current">The current version, or null when none was ever applied.</param>
/// <param name="Pinned">Whether a rollback pins it against the file.</param>
/// <param name="FilePath">The file that defines the topic (the one read, when several claim it).</param>
/// <param name="FileHash">The file's hash now (null when missing or unreadable).</param>
/// <param name="FileDiffers">Whether the file's content differs from the current version.</param>
/// <param name="FileDeleted">Whether the file is gone (the last version stays current and readable).</param>
/// <param name="IgnoredFiles">Other files that claim the topic and are ignored (a collision), in rule order.</param>
/// <param name="OldestKeptVersion">The oldest version retention still keeps (0: none).</param>
/// <param name="PendingRejection">The last attempt, if it was rejected and nothing was applied since.</param>
public sealed record CurrentConfig(
    string Topic,
    VersionInfo? Current,
    bool Pinned,
    string? FilePath,
    string? FileHash,
    bool FileDiffers,
    bool FileDeleted,
    ImmutableArray<string> IgnoredFiles,
    long OldestKeptVersion,
    RejectionInfo? PendingRejection) : IHotReloadMessage, IWithTopic;
