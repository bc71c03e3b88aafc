using System.Collections.Immutable;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Reloading;
using HotReloadCluster.Serialization;

namespace HotReloadCluster.Registry;

/// <summary>
/// A topic's new version, pushed by the registry to every subscriber in version order. <see cref="Content"/> is
/// the template: <c>${VAR}</c> references are resolved by the subscriber, never before.
/// </summary>
/// <param name="Topic">The topic.</param>
/// <param name="Version">The version.</param>
/// <param name="Content">The template text.</param>
/// <param name="Format">How to parse <see cref="Content"/>.</param>
/// <param name="Hash">The content hash.</param>
/// <param name="Origin">Where the version came from.</param>
/// <param name="At">When it was applied.</param>
/// <param name="Diff">The change from the registry's previous version, one line per path (templates only).</param>
public sealed record ConfigChanged(
    string Topic,
    long Version,
    string Content,
    ConfigFormat Format,
    string Hash,
    ConfigOrigin Origin,
    DateTimeOffset At,
    ImmutableArray<string> Diff) : IHotReloadMessage, IWithTopic;
