using System.Collections.Immutable;
using HotReloadCluster.Serialization;

namespace HotReloadCluster.Reloading;

/// <summary>One page of a topic's history: applied versions and rejected attempts, in journal order.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Entries">The entries of this page, oldest first.</param>
/// <param name="Offset">The position of the first entry in the whole history.</param>
/// <param name="Total">How many entries the whole history has.</param>
public sealed record TopicHistory(string Topic, ImmutableArray<HistoryEntry> Entries, int Offset, int Total) : IHotReloadMessage, IWithTopic
{
    /// <summary>Whether more entries follow this page.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasMore => Offset + Entries.Length < Total;

    /// <summary>The applied versions of this page.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<HistoryEntry> Versions => Entries.Where(e => e.IsApplied);
}
