using System.Text.Json.Serialization;
using HotReloadCluster.Serialization;

namespace HotReloadCluster.Reloading;

/// <summary>An event of a topic's journal (<c>reload-{topic}</c>): a version applied or an attempt rejected.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$event")]
[JsonDerivedType(typeof(ConfigApplied), "applied")]
[JsonDerivedType(typeof(ConfigRejected), "rejected")]
public interface IReloadJournalEvent : IHotReloadMessage, IWithTopic
{
    /// <summary>When it happened.</summary>
    DateTimeOffset At { get; }
}
