using Akka.Actor;

namespace HotReloadCluster.Subscriptions;

/// <summary>
/// A service node's entry point for subscriptions: one <see cref="TopicSubscriptionActor"/> per topic, shared
/// by every local subscriber of that topic. Send it <see cref="Subscribe"/> and <see cref="Unsubscribe"/>.
/// </summary>
public sealed class SubscriptionManagerActor : ReceiveActor
{
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
