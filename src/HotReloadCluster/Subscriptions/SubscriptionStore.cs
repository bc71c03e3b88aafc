using System.Collections.Concurrent;
using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Subscriptions;

/// <summary>
/// The last version each topic applied in this process, kept outside the ActorSystem: when the node is downed (a long
/// pause, a partition) and rejoins as a new incarnation, its subscriptions start from what they had — local subscribers
/// keep being served the last good version, the registry only sends newer ones, and nothing is applied twice.
/// </summary>
public sealed class SubscriptionStore
{
    private readonly ConcurrentDictionary<string, StoredVersion> _topics = new(StringComparer.Ordinal);

    /// <summary>The last version applied for <paramref name="topic"/>, if any.</summary>
    public ConfigUpdate? Current(string topic) => _topics.TryGetValue(topic, out var stored) ? stored.Update : null;

    /// <summary>The topics with a version, ordered.</summary>
    public IReadOnlyList<string> Topics => [.. _topics.Keys.Order(StringComparer.Ordinal)];

    internal StoredVersion? Get(string topic) => _topics.TryGetValue(topic, out var stored) ? stored : null;

    /// <summary>
    /// Keeps <paramref name="version"/> unless an older one would replace a newer one; a version from the cluster replaces
    /// a stale one whatever its number (the cluster confirmed, or replaced, what the cache served), never the other way round.
    /// </summary>
    internal void Set(StoredVersion version) =>
        _topics.AddOrUpdate(version.Update.Topic, version, (_, old) => Keeps(old.Update, version.Update) ? old : version);

    private static bool Keeps(ConfigUpdate old, ConfigUpdate candidate) =>
        !(old.Stale && !candidate.Stale)
        && (old.Version > candidate.Version || (old.Version == candidate.Version && (candidate.Stale || !old.Stale)));
}

/// <summary>What a subscription keeps of its last applied version: the update, its template (for diffs) and how to mask its secrets.</summary>
/// <param name="Update">The resolved update handed to local subscribers.</param>
/// <param name="Template">The parsed template (values from variables not resolved).</param>
/// <param name="Scrubber">Masks the substituted values in error text.</param>
internal sealed record StoredVersion(ConfigUpdate Update, ConfigDocument Template, Reloading.SecretScrubber Scrubber);
