using HotReloadCluster.Serialization;

namespace HotReloadCluster.Reloading;

/// <summary>Asks the topic host for the topics it runs; answered with <see cref="TopicList"/>.</summary>
internal sealed record GetTopics : IHotReloadMessage
{
    /// <summary>The instance.</summary>
    public static GetTopics Instance { get; } = new();

    private GetTopics()
    {
    }
}
