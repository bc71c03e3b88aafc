using Akka.Actor;
using HotReloadCluster.Hosting;
using HotReloadCluster.Subscriptions;

namespace HotReloadCluster.Diagnostics;

/// <summary>What <c>AddHotReloadChecks</c> checks, and where it finds it.</summary>
public sealed class HotReloadHealthCheckOptions
{
    /// <summary>The default time a check waits for an actor or the journal: 5 s.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The ActorSystem to check, called on every check; null means the <see cref="ActorSystem"/> registered in the
    /// application's services (Akka.Hosting). A process that replaces its ActorSystem (a node that rejoins after it was
    /// downed) returns the current one, or null between two.
    /// </summary>
    public Func<IServiceProvider, ActorSystem?>? ActorSystem { get; set; }

    /// <summary>
    /// A source node's options, as given to <c>WithHotReloadCluster</c> or <c>WithHotReload</c>: adds the checks of its
    /// watched roots (<see cref="WatcherHealthCheck"/>), of its topics (<see cref="TopicHealthCheck"/>) and of its
    /// journal (<see cref="JournalHealthCheck"/>; <see cref="HotReloadOptions.Persistence"/>, by default SQLite at
    /// <c>data/hotreload.db</c>). Null: none of these (a subscriber).
    /// </summary>
    public HotReloadOptions? Source { get; set; }

    /// <summary>The journal to check when it is not <see cref="Source"/>'s (e.g. a registry-only node); null: <see cref="Source"/>'s, if any.</summary>
    public HotReloadPersistence? Journal { get; set; }

    /// <summary>
    /// A node's subscriptions (<see cref="SubscriptionSettings.Store"/>) for <see cref="StaleCacheHealthCheck"/>; null
    /// means the topics of the application's configuration (<c>AddHotReloadCluster</c>), if it has any.
    /// </summary>
    public SubscriptionStore? Subscriptions { get; set; }

    /// <summary>
    /// The status of <see cref="ClusterMemberHealthCheck"/> while this node is not an Up member; null means Unhealthy on
    /// a config node (<see cref="Source"/> or <see cref="Journal"/> set) and Degraded on a subscriber, which keeps serving
    /// its last good versions while the config nodes are away.
    /// </summary>
    public Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus? MemberNotUpStatus { get; set; }

    /// <summary>How long a check waits for an actor's answer or the journal's; default <see cref="DefaultTimeout"/>.</summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>The tags of every check (to select them in <c>MapHealthChecks</c>); default <c>hotreload</c> and <c>ready</c>.</summary>
    public IList<string> Tags { get; } = ["hotreload", "ready"];
}
