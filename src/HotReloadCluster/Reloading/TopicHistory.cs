using System.Collections.Immutable;
using HotReloadCluster.Serialization;

namespace HotReloadCluster.Reloading;

/// <summary>Every applied version and the retained rejected attempts of a topic, in the order they happened.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Entries">The journal events, oldest first.</param>
public sealed record TopicHistory(string Topic, ImmutableArray<IReloadJournalEvent> Entries) : IHotReloadMessage, IWithTopic
{
    /// <summary>The applied versions only.</summary>
    public IEnumerable<ConfigApplied> Versions => Entries.OfType<ConfigApplied>();
}
