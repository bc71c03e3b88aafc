using HotReloadCluster.Hosting;
using System.Collections.Immutable;
using Akka.Actor;
using HotReloadCluster.Serialization;

namespace HotReloadCluster.Reloading;

/// <summary>
/// Hosts the ReloadActors of one node (the one-node counterpart of a shard region): it starts one per topic
/// on <see cref="EnsureTopic"/> and routes every <see cref="IWithTopic"/> message to it.
/// </summary>
/// <remarks>
/// Supervision: each ReloadActor runs under <see cref="ReloadSupervision"/> (exponential backoff, one log line and
/// one ReloadFailed event per failure); recovery then restores the last applied version.
/// </remarks>
public sealed class TopicHostActor : ReceiveActor
{
    private readonly ReloadSettings _settings;

    /// <summary>Every topic this host has known, with its file: a passivated topic is started again when asked.</summary>
    private readonly Dictionary<string, string> _paths = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IActorRef> _running = new(StringComparer.Ordinal);

    /// <summary>Topics whose actor is stopping after a passivation, with the messages that arrived meanwhile.</summary>
    private readonly Dictionary<string, (IActorRef Actor, List<(object Message, IActorRef Sender)> Buffer)> _stopping = new(StringComparer.Ordinal);

    /// <summary>Creates the host; use <see cref="Props"/>.</summary>
    public TopicHostActor(ReloadSettings settings)
    {
        _settings = settings;
        Receive<EnsureTopic>(ensure => Deliver(ensure.Topic, ensure.FilePath, ensure));
        Receive<GetTopics>(_ => Sender.Tell(new TopicList(_paths.ToImmutableSortedDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal))));
        Receive<ReloadRequested>(request => Deliver(request.Topic, request.FilePath, request));
        Receive<Akka.Cluster.Sharding.Passivate>(passivate =>
        {
            // A topic whose file is gone asked to stop (as a shard lets an entity): messages that arrive before it has
            // stopped wait, and start it again afterwards; so two incarnations never write one journal.
            foreach (var topic in _running.Where(t => t.Value.Equals(Sender)).Select(t => t.Key).ToList())
            {
                _running.Remove(topic);
                _stopping[topic] = (Sender, []);
            }

            Sender.Tell(passivate.StopMessage);
        });
        Receive<Terminated>(terminated =>
        {
            foreach (var topic in _running.Where(t => t.Value.Equals(terminated.ActorRef)).Select(t => t.Key).ToList())
            {
                _running.Remove(topic);
            }

            foreach (var (topic, stopping) in _stopping.Where(t => t.Value.Actor.Equals(terminated.ActorRef)).ToList())
            {
                _stopping.Remove(topic);
                foreach (var (message, sender) in stopping.Buffer)
                {
                    Ensure(topic, _paths[topic]).Tell(message, sender);
                }
            }
        });
        Receive<IWithTopic>(message =>
        {
            if (_paths.TryGetValue(message.Topic, out var path))
            {
                Deliver(message.Topic, path, message);
            }
            else
            {
                Sender.Tell(new TopicNotFound(message.Topic));
            }
        });
    }

    /// <summary>Props for the host.</summary>
    public static Props Props(ReloadSettings settings) => Akka.Actor.Props.Create(() => new TopicHostActor(settings));

    /// <summary>The child name of a topic: topics may contain '/', actor names may not.</summary>
    public static string ChildName(string topic) => "reload-" + Uri.EscapeDataString(topic);

    private void Deliver(string topic, string path, object message)
    {
        if (_stopping.TryGetValue(topic, out var stopping))
        {
            _paths.TryAdd(topic, path);
            stopping.Buffer.Add((message, Sender));
            return;
        }

        Ensure(topic, path).Forward(message);
    }

    private IActorRef Ensure(string topic, string path)
    {
        if (_running.TryGetValue(topic, out var running))
        {
            return running;
        }

        _paths.TryAdd(topic, path);
        var child = ReloadSupervision.Props(Context.System, topic, ReloadActor.Props(topic, _paths[topic], _settings), _settings.EventSink);
        var name = ChildName(topic) + "-" + (++_incarnation).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var actor = Context.Watch(Context.ActorOf(child, name));
        _running[topic] = actor;
        return actor;
    }

    private long _incarnation;
}
