using Microsoft.Extensions.Configuration;

namespace HotReloadCluster.Configuration;

/// <summary>
/// Configuration from cluster topics: what the service's subscriber (<c>WithHotReloadSubscriber</c>) receives, each
/// version checked by the application's options validation before it becomes visible; at start, the last-known-good
/// cache on disk (marked stale until the cluster answers). Added with <c>AddHotReloadCluster</c>.
/// </summary>
public sealed class HotReloadClusterSource : IConfigurationSource
{
    /// <summary>The topics, in merge order (a later topic's key wins).</summary>
    public required IReadOnlyList<string> Topics { get; init; }

    /// <summary>The options.</summary>
    public HotReloadClusterSourceOptions Options { get; init; } = new();

    /// <inheritdoc />
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new HotReloadClusterProvider(this);
}
