using HotReloadCluster.Hosting;
using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Client;
using HotReloadCluster.Admin;
using HotReloadCluster.Core.Events;
using HotReloadCluster.Reloading;
using HotReloadCluster.Registry;
using HotReloadCluster.Subscriptions;
using HotReloadCluster.Watching;

namespace HotReloadCluster.Cluster;

/// <summary>
/// Starts a node's share of the cluster by its roles: the ReloadActor shard region and the root watchers on
/// <c>config-source</c> (entities are not remembered: every source node's watchers ask for their topics until the
/// ReloadActor answers, and again when a source node leaves, which costs no journal write per topic), the ConfigRegistry shard region on <c>config-registry</c>, the
/// subscription manager on <c>config-subscriber</c>, and proxies to the regions a node does not host.
/// </summary>
internal static class HotReloadClusterNode
{
    /// <summary>The ReloadActor entity type name.</summary>
    public const string ReloadTypeName = "reload";

    /// <summary>The ConfigRegistry entity type name.</summary>
    public const string RegistryTypeName = "config-registry";

    /// <summary>The admin audit entity type name.</summary>
    public const string AuditTypeName = "admin-audit";

    /// <summary>Starts the node's actors in <paramref name="system"/> (a cluster ActorSystem).</summary>
    /// <param name="system">The ActorSystem, configured with <see cref="ClusterHocon"/>.</param>
    /// <param name="roles">This node's roles.</param>
    /// <param name="reload">How ReloadActors read and validate.</param>
    /// <param name="roots">The watched roots (source nodes).</param>
    /// <param name="subscriptions">How subscribers apply versions.</param>
    /// <param name="adminTokens">The admin tokens; with them, registry nodes run the admin endpoint and the audit.</param>
    public static HotReloadClusterHandles Start(
        ActorSystem system,
        IReadOnlyCollection<string> roles,
        ReloadSettings reload,
        ImmutableArray<WatchRootSettings> roots,
        SubscriptionSettings? subscriptions = null,
        AdminTokens? adminTokens = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(roles);
        var sharding = ClusterSharding.Get(system);
        var extractor = new TopicMessageExtractor();
        var files = new Topics.TopicFiles(roots.Select(r => new Topics.TopicRoot(r.Root, r.OnlyFiles)));
        if (reload.TopicRoots.IsDefaultOrEmpty)
        {
            reload = reload with { TopicRoots = files.Roots };
        }
        IActorRef registryRegion = ActorRefs.Nobody;

        var reloadRegion = roles.Contains(HotReloadRoles.Source)
            ? sharding.Start(
                ReloadTypeName,
                topic => ReloadSupervision.Props(system, topic, ReloadActor.Props(topic, files.Resolve(topic)?.Path ?? files.DefaultPath(topic), reload, registryRegion)),
                ClusterShardingSettings.Create(system).WithRole(HotReloadRoles.Source).WithRememberEntities(false),
                extractor)
            : sharding.StartProxy(ReloadTypeName, HotReloadRoles.Source, extractor);

        registryRegion = roles.Contains(HotReloadRoles.Registry)
            ? sharding.Start(
                RegistryTypeName,
                topic => ConfigRegistryActor.Props(topic, reloadRegion),
                ClusterShardingSettings.Create(system).WithRole(HotReloadRoles.Registry).WithRememberEntities(false),
                extractor)
            : sharding.StartProxy(RegistryTypeName, HotReloadRoles.Registry, extractor);

        if (adminTokens is not null && roles.Contains(HotReloadRoles.Registry))
        {
            var audit = sharding.Start(
                AuditTypeName,
                _ => AdminAuditActor.Props(),
                ClusterShardingSettings.Create(system).WithRole(HotReloadRoles.Registry).WithRememberEntities(false),
                extractor);
            var endpoint = system.ActorOf(AdminEndpointActor.Props(adminTokens, reloadRegion, registryRegion, audit), "admin");
            ClusterClientReceptionist.Get(system).RegisterService(endpoint);
        }

        if (roles.Contains(HotReloadRoles.Source))
        {
            Hosting.EventStreamActors.StartSubscribed(system, EventRelayActor.Props(), "event-relay", typeof(ReloadEvent));
            system.ActorOf(JournalWarmUpActor.Props(reload), "journal-warm-up");
            for (var i = 0; i < roots.Length; i++)
            {
                system.ActorOf(WatchRootActor.Props(roots[i], reloadRegion), "watch-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        IActorRef? manager = roles.Contains(HotReloadRoles.Subscriber)
            ? system.ActorOf(SubscriptionManagerActor.Props(registryRegion, reloadRegion, subscriptions ?? new SubscriptionSettings()), "subscriptions")
            : null;
        return new HotReloadClusterHandles(reloadRegion, registryRegion, manager);
    }
}
