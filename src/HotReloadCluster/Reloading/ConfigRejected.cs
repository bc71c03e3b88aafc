using System.Collections.Immutable;
using HotReloadCluster.Core.Validation;

namespace HotReloadCluster.Reloading;

/// <summary>An attempt that did not become a version; the last good version stays current.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Hash">The rejected content's hash, or null when nothing could be read.</param>
/// <param name="Kind">Why it was rejected.</param>
/// <param name="Errors">Every error found (path and message).</param>
/// <param name="Origin">What caused the attempt.</param>
/// <param name="At">When it was rejected.</param>
public sealed record ConfigRejected(
    string Topic,
    string? Hash,
    RejectionKind Kind,
    ImmutableArray<ValidationError> Errors,
    ConfigOrigin Origin,
    DateTimeOffset At) : IReloadJournalEvent;
