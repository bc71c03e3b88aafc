using HotReloadCluster.Cluster;
using HotReloadCluster.Core.Validation;

namespace HotReloadCluster.Configuration;

/// <summary>How a service subscribes to the cluster's topics (<c>WithHotReloadSubscriber</c>).</summary>
public sealed class HotReloadSubscriberOptions
{
    /// <summary>
    /// Membership: seeds (the config nodes), host name, port (0: any free one), TLS. The role is always
    /// <c>config-subscriber</c> (subscribers never decide a split: see docs/operations.md). They configure the member's
    /// own ActorSystem (named <see cref="ClusterNodeOptions.SystemName"/>); the application's ActorSystem and its HOCON
    /// are not used for it: settings for the member go in <see cref="ClusterNodeOptions.ExtraHocon"/>, which overrides
    /// what is generated except the shutdown keys the incarnations need (<c>exit-clr</c>, the CLR shutdown hook,
    /// <c>run-coordinated-shutdown-when-down</c>) and, with a logger factory, <c>akka.loggers</c>. If the first member
    /// cannot start (its port taken, a bad certificate), the application's start fails, with the cause.
    /// </summary>
    public ClusterNodeOptions Cluster { get; set; } = new() { Port = 0 };

    /// <summary>How long the service's start waits for the cluster to confirm each topic before it goes on with the cache. Default 10 s.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether the start fails (instead of going on with the cache, marked stale) when the cluster does not answer in time.</summary>
    public bool RequireClusterAtStartup { get; set; }

    /// <summary>A validator run on every version before the application sees it (besides options validation).</summary>
    public IConfigValidator? Validator { get; set; }

    /// <summary>
    /// The pause before the member joins again after it was downed or removed (a long pause, a partition); it doubles
    /// with each failed or short-lived incarnation, up to 30 s, and is back to this after one stayed up a minute.
    /// Default 1 s.
    /// </summary>
    public TimeSpan RejoinBackoff { get; set; } = TimeSpan.FromSeconds(1);
}
