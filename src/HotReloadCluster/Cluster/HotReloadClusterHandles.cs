using Akka.Actor;

namespace HotReloadCluster.Cluster;

/// <summary>The actors a cluster node started.</summary>
/// <param name="ReloadRegion">The ReloadActor shard region (a proxy on nodes without the source role).</param>
/// <param name="RegistryRegion">The ConfigRegistry shard region (a proxy on nodes without the registry role).</param>
/// <param name="Subscriptions">The subscription manager, on subscriber nodes.</param>
internal sealed record HotReloadClusterHandles(IActorRef ReloadRegion, IActorRef RegistryRegion, IActorRef? Subscriptions);
