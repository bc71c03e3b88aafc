using Akka.Actor;
using HotReloadCluster.Registry;
using HotReloadCluster.Subscriptions;

namespace HotReloadCluster.Configuration;

/// <summary>
/// The <see cref="SubscriptionManagerActor"/> an application sees on its own ActorSystem (in its Akka.Hosting
/// registry). It subscribes itself, once per topic, to the manager of the config cluster's current incarnation
/// (<see cref="EmbeddedSubscriber"/>) and hands each version to the application's subscribers — each version once:
/// a new incarnation starts by offering the version the last one applied, which is not handed out again. Versions come
/// from this actor, so an <see cref="ApplyFailed"/> reply comes here and goes on to the topic's subscription in the
/// current incarnation (again to a new one, if it offers the refused version anew). Until the first incarnation has
/// started, subscriptions wait here.
/// </summary>
internal sealed class SubscriptionForwarderActor : ReceiveActor
{
    private readonly Dictionary<string, Topic> _topics = new(StringComparer.Ordinal);
    private IActorRef? _manager;

    /// <summary>Creates the actor; use <see cref="Props"/>.</summary>
    public SubscriptionForwarderActor()
    {
        Receive<Subscribe>(subscribe =>
        {
            if (!_topics.TryGetValue(subscribe.Topic, out var topic))
            {
                _topics[subscribe.Topic] = topic = new Topic();
                _manager?.Tell(new Subscribe(subscribe.Topic, Self));
            }

            if (topic.Subscribers.Add(subscribe.Subscriber))
            {
                Context.Watch(subscribe.Subscriber);
                if (topic.Last is { } last)
                {
                    subscribe.Subscriber.Tell(last, Self);
                }
            }
        });
        Receive<Unsubscribe>(unsubscribe => Remove(unsubscribe.Topic, unsubscribe.Subscriber));
        Receive<Terminated>(terminated =>
        {
            foreach (var name in _topics.Keys.ToList())
            {
                Remove(name, terminated.ActorRef);
            }
        });
        Receive<ConfigUpdate>(update =>
        {
            if (!_topics.TryGetValue(update.Topic, out var topic))
            {
                return;
            }

            if (topic.Last is { } last && !(update.Version > last.Version || last.Stale && !update.Stale))
            {
                // The same version again, from a new incarnation's subscription: not handed out again, but replies now go
                // to it, and a refusal of this version made earlier is told to it too (the old one may never have got it).
                topic.LastSender = Sender;
                if (topic.Refused is { } refused && refused.Version == update.Version)
                {
                    Sender.Tell(refused);
                }

                return;
            }

            topic.Last = update;
            topic.LastSender = Sender;
            topic.Refused = null;
            foreach (var subscriber in topic.Subscribers)
            {
                subscriber.Tell(update, Self);
            }
        });
        Receive<ApplyFailed>(failed =>
        {
            // An application actor refused the version: to the topic's subscription of the current incarnation.
            if (_topics.TryGetValue(failed.Topic, out var topic) && topic.Last?.Version == failed.Version)
            {
                topic.Refused = failed;
                topic.LastSender.Tell(failed);
            }
        });
        Receive<Incarnation>(incarnation =>
        {
            _manager = incarnation.Manager;
            foreach (var name in _topics.Keys)
            {
                _manager.Tell(new Subscribe(name, Self));
            }
        });
    }

    /// <summary>Props for the forwarder.</summary>
    public static Props Props() => Akka.Actor.Props.Create(() => new SubscriptionForwarderActor()).WithDeploy(Deploy.Local);

    private void Remove(string name, IActorRef subscriber)
    {
        if (_topics.TryGetValue(name, out var topic) && topic.Subscribers.Remove(subscriber) && topic.Subscribers.Count == 0)
        {
            _topics.Remove(name);
            _manager?.Tell(new Unsubscribe(name, Self));
        }
    }

    /// <summary>A new incarnation started; <paramref name="Manager"/> is its subscription manager.</summary>
    internal sealed record Incarnation(IActorRef Manager, int Number);

    private sealed class Topic
    {
        public HashSet<IActorRef> Subscribers { get; } = [];

        public ConfigUpdate? Last { get; set; }

        public IActorRef LastSender { get; set; } = ActorRefs.Nobody;

        public ApplyFailed? Refused { get; set; }
    }
}
