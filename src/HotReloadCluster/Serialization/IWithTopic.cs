namespace HotReloadCluster.Serialization;

/// <summary>A message addressed to one topic; the topic is the routing key (and later the shard entity id).</summary>
public interface IWithTopic
{
    /// <summary>The topic, e.g. <c>settings</c> or <c>services/payments</c>.</summary>
    string Topic { get; }
}
