using System.Collections.Immutable;
using HotReloadCluster.Serialization;

namespace HotReloadCluster.Reloading;

/// <summary>The topics a host runs, with their files, ordered by topic.</summary>
/// <param name="Topics">Topic → file path.</param>
internal sealed record TopicList(ImmutableSortedDictionary<string, string> Topics) : IHotReloadMessage;
