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
    private readonly Dictionary<string, (IActorRef Actor, string Path)> _topics = new(StringComparer.Ordinal);

    /// <summary>Creates the host; use <see cref="Props"/>.</summary>
    public TopicHostActor(ReloadSettings settings)
    {
        _settings = settings;
        Receive<EnsureTopic>(ensure => Ensure(ensure.Topic, ensure.FilePath).Forward(ensure));
        Receive<GetTopics>(_ => Sender.Tell(new TopicList(_topics.ToImmutableSortedDictionary(t => t.Key, t => t.Value.Path, StringComparer.Ordinal))));
        Receive<ReloadRequested>(request =>
        {
            Ensure(request.Topic, request.FilePath).Forward(request);
        });
        Receive<Akka.Cluster.Sharding.Passivate>(passivate =>
        {
            // A topic whose file is gone (or never existed) asked to stop: forget it until its file appears again.
            foreach (var (topic, entry) in _topics.Where(t => t.Value.Actor.Equals(Sender)).ToList())
            {
                _topics.Remove(topic);
            }

            Sender.Tell(passivate.StopMessage);
        });
        Receive<IWithTopic>(message =>
        {
            if (_topics.TryGetValue(message.Topic, out var entry))
            {
                entry.Actor.Forward(message);
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

    private IActorRef Ensure(string topic, string path)
    {
        if (_topics.TryGetValue(topic, out var entry))
        {
            return entry.Actor;
        }

        var child = ReloadSupervision.Props(Context.System, topic, ReloadActor.Props(topic, path, _settings));
        var actor = Context.ActorOf(child, ChildName(topic));
        _topics[topic] = (actor, path);
        return actor;
    }
}
