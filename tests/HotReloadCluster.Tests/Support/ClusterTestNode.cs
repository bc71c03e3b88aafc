using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using HotReloadCluster.Cluster;
using HotReloadCluster.Cluster.Tls;
using HotReloadCluster.Core.Debouncing;
using HotReloadCluster.Hosting;
using HotReloadCluster.Reloading;
using HotReloadCluster.Serialization;
using HotReloadCluster.Subscriptions;
using HotReloadCluster.Watching;

namespace HotReloadCluster.Tests.Support;

/// <summary>
/// One cluster node in this process: an ActorSystem on 127.0.0.1 with a free port and fast test timings; with
/// <c>tls</c>, remoting uses mutual TLS (<c>akka.ssl.tcp</c>).
/// </summary>
internal sealed class ClusterTestNode : IDisposable
{
    private ClusterTestNode(ActorSystem system, HotReloadClusterHandles handles)
    {
        System = system;
        Handles = handles;
    }

    public ActorSystem System { get; }

    public HotReloadClusterHandles Handles { get; }

    public Address Address => Akka.Cluster.Cluster.Get(System).SelfAddress;

    public static ClusterTestNode Start(
        string[] roles,
        HotReloadPersistence persistence,
        string? watchRoot = null,
        Address? join = null,
        ReloadSettings? reload = null,
        SubscriptionSettings? subscriptions = null,
        HotReloadCluster.Admin.AdminTokens? adminTokens = null,
        TimeSpan? debounce = null,
        string logLevel = "WARNING",
        TlsCertificates? tls = null,
        int port = 0)
    {
        var options = new ClusterNodeOptions
        {
            Port = port,
            Roles = [.. roles],
            ExtraHocon = ClusterHocon.FastTestTimings + $$"""

                akka.loglevel = {{logLevel}}
                akka.stdout-loglevel = {{logLevel}}
                akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
                akka.coordinated-shutdown.run-by-actor-system-terminate = off
                """,
            Tls = tls,
        };
        var config = ClusterHocon.For(options)
            .WithFallback(ConfigurationFactory.ParseString(SerializationHocon.Config))
            .WithFallback(ConfigurationFactory.ParseString(RuntimeHocon.Config))
            .WithFallback(PersistenceHocon.For(persistence));
        var system = ActorSystem.Create(options.SystemName, TlsRemoting.ActorSystemSetup(config, tls));
        var cluster = Akka.Cluster.Cluster.Get(system);
        cluster.Join(join ?? cluster.SelfAddress);
        ImmutableArray<WatchRootSettings> roots = watchRoot is null
            ? []
            : [new WatchRootSettings(watchRoot) { Debounce = DebounceConfig.Fixed(debounce ?? TimeSpan.FromMilliseconds(20)) }];
        var handles = HotReloadClusterNode.Start(system, roles, reload ?? new ReloadSettings(), roots, subscriptions ?? new SubscriptionSettings { ResubscribeInterval = TimeSpan.FromMilliseconds(300) }, adminTokens);
        return new ClusterTestNode(system, handles);
    }

    /// <summary>Whether this node hosts the entity <paramref name="entityId"/> of <paramref name="typeName"/>.</summary>
    public async Task<bool> HostsAsync(string typeName, string entityId)
    {
        var region = ClusterSharding.Get(System).ShardRegion(typeName);
        var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(5));
        return state.Shards.Any(shard => shard.EntityIds.Contains(entityId));
    }

    public int UpMembers() => Akka.Cluster.Cluster.Get(System).State.Members.Count(m => m.Status == MemberStatus.Up);

    public void Dispose()
    {
        if (!System.WhenTerminated.IsCompleted)
        {
            System.Terminate().Wait(TimeSpan.FromSeconds(10));
        }

        System.Dispose();
    }
}
