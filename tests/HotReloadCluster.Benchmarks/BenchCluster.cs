using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using HotReloadCluster.Cluster;
using HotReloadCluster.Core.Debouncing;
using HotReloadCluster.Hosting;
using HotReloadCluster.Reloading;
using HotReloadCluster.Serialization;
using HotReloadCluster.Subscriptions;
using HotReloadCluster.Watching;

namespace HotReloadCluster.Benchmarks;

/// <summary>An in-process cluster node on 127.0.0.1 for benchmarks (free port, fast gossip).</summary>
public sealed class BenchCluster : IDisposable
{
    private BenchCluster(ActorSystem system, HotReloadClusterHandles handles)
    {
        System = system;
        Handles = handles;
    }

    public ActorSystem System { get; }

    public HotReloadClusterHandles Handles { get; }

    public Address Address => Akka.Cluster.Cluster.Get(System).SelfAddress;

    public static BenchCluster Start(string[] roles, HotReloadPersistence persistence, string? watchRoot, Address? join)
    {
        var options = new ClusterNodeOptions
        {
            Port = 0,
            Roles = [.. roles],
            ExtraHocon = ClusterHocon.FastTestTimings + "\nakka.loglevel = OFF\nakka.stdout-loglevel = OFF\nakka.coordinated-shutdown.run-by-actor-system-terminate = off",
        };
        var system = ActorSystem.Create(options.SystemName, ClusterHocon.For(options)
            .WithFallback(ConfigurationFactory.ParseString(SerializationHocon.Config))
            .WithFallback(PersistenceHocon.For(persistence)));
        var cluster = Akka.Cluster.Cluster.Get(system);
        cluster.Join(join ?? cluster.SelfAddress);
        ImmutableArray<WatchRootSettings> roots = watchRoot is null ? [] : [new WatchRootSettings(watchRoot) { Debounce = DebounceConfig.Fixed(TimeSpan.FromMilliseconds(1)) }];
        return new BenchCluster(system, HotReloadClusterNode.Start(system, roles, new ReloadSettings(), roots, new SubscriptionSettings()));
    }

    public int UpMembers() => Akka.Cluster.Cluster.Get(System).State.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up);

    public void Dispose()
    {
        System.Terminate().Wait(TimeSpan.FromSeconds(10));
        System.Dispose();
    }
}
