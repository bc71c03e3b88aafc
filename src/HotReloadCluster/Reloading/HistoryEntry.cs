using System.Collections.Immutable;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Validation;

namespace HotReloadCluster.Reloading;

/// <summary>One entry of a topic's history: an applied version (<see cref="Version"/> set) or a rejected attempt.</summary>
/// <param name="SequenceNr">Its place in the topic's journal; history is ordered by it, never by time.</param>
/// <param name="Version">The version, for an applied entry; null for a rejected attempt.</param>
/// <param name="Hash">The content hash (null when a rejected file could not be read).</param>
/// <param name="Format">The content's format, for an applied entry.</param>
/// <param name="Origin">What caused it.</param>
/// <param name="At">When.</param>
/// <param name="Rejection">Why it was rejected, for a rejected attempt.</param>
/// <param name="Errors">The errors of a rejected attempt.</param>
/// <param name="Size">The content's size in bytes, for an applied entry.</param>
public sealed record HistoryEntry(
    long SequenceNr,
    long? Version,
    string? Hash,
    ConfigFormat? Format,
    ConfigOrigin Origin,
    DateTimeOffset At,
    RejectionKind? Rejection,
    ImmutableArray<ValidationError> Errors,
    long Size)
{
    /// <summary>Whether this entry is an applied version.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsApplied => Version is not null;

    /// <summary>The entry of an applied version.</summary>
    public static HistoryEntry From(VersionInfo version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new(version.SequenceNr, version.Version, version.Hash, version.Format, version.Origin, version.At, null, [], version.Size);
    }

    /// <summary>The entry of a rejected attempt.</summary>
    public static HistoryEntry From(RejectionInfo rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        return new(rejection.SequenceNr, null, rejection.Hash, null, rejection.Origin, rejection.At, rejection.Kind, rejection.Errors, 0);
    }
}
