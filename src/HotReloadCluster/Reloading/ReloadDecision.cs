using System.Collections.Immutable;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Validation;

namespace HotReloadCluster.Reloading;

/// <summary>What <see cref="ReloadPipeline"/> decided.</summary>
internal abstract record ReloadDecision
{
    private ReloadDecision()
    {
    }

    /// <summary>Nothing to do: the file equals the current version, or the topic is pinned against this content.</summary>
    public sealed record Unchanged(string? FileHash, bool Pinned) : ReloadDecision;

    /// <summary>
    /// Persist <paramref name="Event"/> as the new version; <paramref name="Resolved"/> is the consumer's view,
    /// <paramref name="Scrubber"/> masks its substituted values in any error text, and <paramref name="Template"/> is
    /// the parsed template (for the diff computed at the source).
    /// </summary>
    public sealed record Apply(ConfigApplied Event, ConfigDocument Resolved, SecretScrubber Scrubber, ConfigDocument Template) : ReloadDecision;

    /// <summary>A rollback to the kept version <paramref name="Target"/>: its content is read next.</summary>
    public sealed record Restore(VersionInfo Target) : ReloadDecision;

    /// <summary>Reject the attempt; persist it unless it repeats the last rejection; retry it if retryable and attempts remain.</summary>
    public sealed record Reject(ConfigRejected Event, bool Persist, bool Retryable) : ReloadDecision;

    /// <summary>The command is refused and nothing is recorded.</summary>
    public sealed record Refused(ImmutableArray<ValidationError> Errors) : ReloadDecision;
}
