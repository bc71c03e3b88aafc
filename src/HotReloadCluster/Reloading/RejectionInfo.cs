using System.Collections.Immutable;
using HotReloadCluster.Core.Validation;

namespace HotReloadCluster.Reloading;

/// <summary>One rejected attempt as the history index keeps it (errors already bounded, see <see cref="ConfigRejected"/>).</summary>
/// <param name="SequenceNr">
/// The journal sequence number of its event; for an attempt recorded in memory only (see
/// <see cref="ReloadState.MaxJournaledRejectionsPerVersion"/>), that of the last event before it.
/// </param>
/// <param name="Hash">The rejected content's hash, or null when nothing could be read.</param>
/// <param name="Kind">Why it was rejected.</param>
/// <param name="Errors">The errors.</param>
/// <param name="Origin">What caused the attempt.</param>
/// <param name="At">When (shown, never used for ordering).</param>
/// <param name="Journaled">Whether it is in the journal (false: in the index and snapshots only).</param>
public sealed record RejectionInfo(long SequenceNr, string? Hash, RejectionKind Kind, ImmutableArray<ValidationError> Errors, ConfigOrigin Origin, DateTimeOffset At, bool Journaled = true);
