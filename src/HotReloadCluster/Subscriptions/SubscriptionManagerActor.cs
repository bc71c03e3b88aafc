using Akka.Actor;
using Akka.Cluster;
using HotReloadCluster.Cluster;

namespace HotReloadCluster.Subscriptions;

/// <summary>
/// A service node's entry point for subscriptions: one <see cref="TopicSubscriptionActor"/> per topic, shared
/// by every local subscriber of that topic. Send it <see cref="Subscribe"/> and <see cref="Unsubscribe"/>.
/// When a config node leaves the cluster, the registry entities it hosted start again elsewhere, empty: every topic
/// re-subscribes right away (and once more a moment later) instead of at its next periodic re-subscribe, which is
/// a visible share of the failover time.
/// </summary>
public sealed class SubscriptionManagerActor : ReceiveActor, IWithTimers
{
    /// <summary>When the topics re-subscribe after a config node was removed: the first try usually waits in the
    /// region until the shard has its new home; the second covers a region that still pointed at the removed node.</summary>
    private static readonly TimeSpan[] ResubscribeAfterRemoval = [TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1)];

    private readonly IActorRef _registry;
    private readonly IActorRef _contentSource;
    private readonly SubscriptionSettings _settings;

    /// <summary>Creates the manager; use <see cref="Props"/>.</summary>
    public SubscriptionManagerActor(IActorRef registry, IActorRef contentSource, SubscriptionSettings settings)
    {
        _registry = registry;
        _contentSource = contentSource;
        _settings = settings;
        Receive<Subscribe>(subscribe => TopicActor(subscribe.Topic).Forward(subscribe));
        Receive<Unsubscribe>(unsubscribe =>
        {
            if (!Context.Child(ChildName(unsubscribe.Topic)).IsNobody())
            {
                Context.Child(ChildName(unsubscribe.Topic)).Forward(unsubscribe);
            }
        });
        Receive<ClusterEvent.MemberRemoved>(removed =>
        {
            // Not when this node's own cluster shuts down (it publishes every member as removed then).
            var cluster = Akka.Cluster.Cluster.Get(Context.System);
            if (removed.Member.HasRole(HotReloadRoles.ConfigNode) && !cluster.IsTerminated && removed.Member.Address != cluster.SelfAddress)
            {
                for (var i = 0; i < ResubscribeAfterRemoval.Length; i++)
                {
                    Timers.StartSingleTimer("resubscribe-" + i, TopicSubscriptionActor.ResubscribeNow.Instance, ResubscribeAfterRemoval[i]);
                }
            }
        });
        Receive<TopicSubscriptionActor.ResubscribeNow>(now =>
        {
            foreach (var child in Context.GetChildren())
            {
                child.Tell(now);
            }
        });
        Receive<ClusterEvent.CurrentClusterState>(_ => { });
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart()
    {
        if (Context.System is ExtendedActorSystem { Provider: Akka.Cluster.ClusterActorRefProvider })
        {
            Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.MemberRemoved));
        }

        base.PreStart();
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        if (Context.System is ExtendedActorSystem { Provider: Akka.Cluster.ClusterActorRefProvider })
        {
            Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
        }

        base.PostStop();
    }

    /// <summary>
    /// Props for the manager; <paramref name="registry"/> is the registry region (or its proxy), and
    /// <paramref name="contentSource"/> the ReloadActor region (or its proxy), where content is fetched by hash.
    /// </summary>
    public static Props Props(IActorRef registry, IActorRef contentSource, SubscriptionSettings settings) =>
        Akka.Actor.Props.Create(() => new SubscriptionManagerActor(registry, contentSource, settings)).WithDeploy(Deploy.Local);

    private static string ChildName(string topic) => "topic-" + Uri.EscapeDataString(topic);

    private IActorRef TopicActor(string topic)
    {
        var child = Context.Child(ChildName(topic));
        return child.IsNobody() ? Context.ActorOf(TopicSubscriptionActor.Props(topic, _registry, _contentSource, _settings), ChildName(topic)) : child;
    }
}
