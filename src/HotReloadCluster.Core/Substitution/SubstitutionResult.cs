using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Core.Substitution;

/// <summary>
/// The outcome of <see cref="VariableSubstitution.Resolve"/>: either a resolved document and the paths
/// whose values came from variables or defaults, or every error found.
/// </summary>
public sealed class SubstitutionResult
{
    private SubstitutionResult(ConfigDocument? resolved, ImmutableHashSet<ConfigPath> substitutedPaths, ImmutableArray<SubstitutionError> errors)
    {
        Resolved = resolved;
        SubstitutedPaths = substitutedPaths;
        Errors = errors;
    }

    /// <summary>Whether every reference resolved; then <see cref="Resolved"/> is set and <see cref="Errors"/> is empty.</summary>
    [MemberNotNullWhen(true, nameof(Resolved))]
    public bool IsSuccess => Resolved is not null;

    /// <summary>
    /// The resolved document, or <see langword="null"/> on failure. It holds secrets: keep it in memory and
    /// never persist, log or send it.
    /// </summary>
    public ConfigDocument? Resolved { get; }

    /// <summary>
    /// The paths of every scalar whose resolved value came, at least partly, from a variable or from a
    /// default: both count as substitution, so that a default standing in for a secret is redacted too.
    /// Scalars that only contained escapes (<c>$${…}</c>) are not included. Empty on failure.
    /// </summary>
    public ImmutableHashSet<ConfigPath> SubstitutedPaths { get; }

    /// <summary>Every error found, in document order; empty on success.</summary>
    public ImmutableArray<SubstitutionError> Errors { get; }

    internal static SubstitutionResult Success(ConfigDocument resolved, ImmutableHashSet<ConfigPath> substitutedPaths) =>
        new(resolved, substitutedPaths, []);

    internal static SubstitutionResult Failure(ImmutableArray<SubstitutionError> errors) =>
        new(null, [], errors);
}
