using HotReloadCluster.Core.Events;
using HotReloadCluster.Serialization;

namespace HotReloadCluster.Reloading;

/// <summary>A topic's reload statistics.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Statistics">The figures.</param>
public sealed record TopicStatistics(string Topic, ReloadStatistics Statistics) : IHotReloadMessage, IWithTopic;
