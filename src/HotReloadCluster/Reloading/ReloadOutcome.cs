using System.Collections.Immutable;
using HotReloadCluster.Core.Validation;
using HotReloadCluster.Serialization;

namespace HotReloadCluster.Reloading;

/// <summary>The answer to <see cref="ManualReload"/> and <see cref="Rollback"/>.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Version">The new version (applied) or the current one (otherwise), if any.</param>
/// <param name="Errors">The errors, for rejected, failed and refused outcomes.</param>
public sealed record ReloadOutcome(string Topic, OutcomeKind Kind, long? Version, ImmutableArray<ValidationError> Errors) : IHotReloadMessage, IWithTopic
{
    /// <summary>Whether a new version was applied.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsApplied => Kind == OutcomeKind.Applied;

    /// <summary>A one-line summary.</summary>
    public override string ToString() => Errors.IsDefaultOrEmpty
        ? $"{Topic}: {Kind} (version {Version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})"
        : $"{Topic}: {Kind}: {string.Join("; ", Errors)}";
}
