using Akka.Cluster.Sharding;
using HotReloadCluster.Serialization;

namespace HotReloadCluster.Cluster;

/// <summary>Routes every <see cref="IWithTopic"/> message to the entity named by its topic.</summary>
internal sealed class TopicMessageExtractor : HashCodeMessageExtractor
{
    /// <summary>The number of shards per entity type (fixed for the life of a cluster).</summary>
    public const int DefaultShards = 50;

    /// <summary>Creates the extractor.</summary>
    public TopicMessageExtractor(int maxShards = DefaultShards)
        : base(maxShards)
    {
    }

    /// <inheritdoc />
    public override string? EntityId(object message) => message is IWithTopic withTopic ? withTopic.Topic : null;
}
