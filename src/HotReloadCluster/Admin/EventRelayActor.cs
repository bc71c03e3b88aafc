using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using HotReloadCluster.Core.Events;

namespace HotReloadCluster.Admin;

/// <summary>
/// On source nodes: republishes this node's reload events (never content) cluster-wide on the
/// <see cref="Topic"/> pub-sub topic, for <c>hrc tail</c>.
/// </summary>
internal sealed class EventRelayActor : ReceiveActor
{
    /// <summary>The distributed pub-sub topic of admin tail events.</summary>
    public const string Topic = "hotreload-events";

    /// <summary>Creates the relay; subscribe it to <see cref="ReloadEvent"/> on the event stream.</summary>
    public EventRelayActor()
    {
        var mediator = DistributedPubSub.Get(Context.System).Mediator;
        var node = ((ExtendedActorSystem)Context.System).Provider.DefaultAddress.ToString();
        Receive<ReloadEvent>(e => mediator.Tell(new Publish(Topic, new AdminTailEvent(
            e.Type.ToString(),
            e.Topic,
            e.Version,
            e.Metadata.GetValueOrDefault(ReloadEventMetadata.Hash),
            e.Error,
            e.Timestamp,
            node))));
    }

    /// <summary>Props for the relay.</summary>
    public static Props Props() => Akka.Actor.Props.Create(() => new EventRelayActor()).WithDeploy(Deploy.Local);
}
