using System.Collections.Immutable;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Reloading;

namespace HotReloadCluster.Subscriptions;

/// <summary>
/// What a subscribing actor receives for each new version, in increasing version order: the document with
/// <c>${VAR}</c> resolved in this process. Local only: it never crosses the wire (it holds resolved values).
/// Reply with <see cref="Registry.ApplyFailed"/> (any node text) to the sender when the version cannot be applied.
/// </summary>
/// <param name="Topic">The topic.</param>
/// <param name="Version">The version.</param>
/// <param name="Config">The resolved document.</param>
/// <param name="Diff">The change from the previous version, with values from variables redacted.</param>
/// <param name="Origin">Where the version came from.</param>
/// <param name="Hash">The template's content hash.</param>
/// <param name="Stale">
/// True when the version comes from this process's last-known-good cache and the cluster has not confirmed it yet (it
/// was unreachable when the process started); a fresh update follows as soon as it answers.
/// </param>
public sealed record ConfigUpdate(string Topic, long Version, ConfigDocument Config, ImmutableArray<string> Diff, ConfigOrigin Origin, string Hash, bool Stale = false);
