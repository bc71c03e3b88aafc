using HotReloadCluster.Hosting;
using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using HotReloadCluster.Core.Diffing;
using HotReloadCluster.Core.Parsing;
using HotReloadCluster.Reloading;

namespace HotReloadCluster.Registry;

/// <summary>
/// A topic's registry (one sharded entity per topic on <c>config-registry</c> nodes): holds the current version
/// and pushes <see cref="ConfigChanged"/> to every subscriber in version order. It keeps nothing on disk: a
/// (re)started entity asks the ReloadActor for the latest version, and subscribers re-subscribe periodically,
/// so after a move both sides converge without a lost version.
/// </summary>
public sealed class ConfigRegistryActor : ReceiveActor, IWithTimers
{
    private readonly string _topic;
    private readonly IActorRef _reloadRegion;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<IActorRef, long> _subscribers = [];
    private readonly ConfigParser _parser = new();
    private ConfigApplied? _current;

    /// <summary>Creates the entity; use <see cref="Props"/>.</summary>
    public ConfigRegistryActor(string topic, IActorRef reloadRegion)
    {
        _topic = topic;
        _reloadRegion = reloadRegion;
        Receive<VersionPublished>(OnPublished);
        Receive<SubscribeTopic>(OnSubscribe);
        Receive<UnsubscribeTopic>(u =>
        {
            _subscribers.Remove(u.Subscriber);
            Context.Unwatch(u.Subscriber);
        });
        Receive<Terminated>(t => _subscribers.Remove(t.ActorRef));
        Receive<ApplyFailed>(failed =>
        {
            _log.Warning("Topic {0}: version {1} failed on {2}: {3}", _topic, failed.Version, failed.Node, failed.Error);
            _reloadRegion.Forward(failed);
        });
        Receive<GetRegistryState>(_ => Sender.Tell(new RegistryState(_topic, _current?.Version ?? 0, _current?.Hash, _subscribers.Count)));
        Receive<AskLatest>(_ =>
        {
            if (_current is null)
            {
                _reloadRegion.Tell(new RequestLatest(_topic));
            }
            else
            {
                Timers.Cancel(AskLatest.Instance);
            }
        });
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for a topic's registry entity.</summary>
    public static Props Props(string topic, IActorRef reloadRegion) =>
        ActorFactory<ConfigRegistryActor>.Props(() => new ConfigRegistryActor(topic, reloadRegion));

    /// <inheritdoc />
    protected override void PreStart()
    {
        // A fresh entity knows nothing: ask until the ReloadActor answers (it may be starting or moving too).
        _reloadRegion.Tell(new RequestLatest(_topic));
        Timers.StartPeriodicTimer(AskLatest.Instance, AskLatest.Instance, TimeSpan.FromSeconds(1));
        base.PreStart();
    }

    private void OnPublished(VersionPublished published)
    {
        var incoming = published.Version;
        if (_current is null || incoming.Version > _current.Version)
        {
            var previous = _current;
            _current = incoming;
            var changed = ToChanged(incoming, previous);
            foreach (var subscriber in _subscribers.Keys.ToList())
            {
                subscriber.Tell(changed);
                _subscribers[subscriber] = incoming.Version;
            }
        }

        Sender.Tell(new VersionAcknowledged(_topic, _current.Version));
    }

    private void OnSubscribe(SubscribeTopic subscribe)
    {
        if (!_subscribers.ContainsKey(subscribe.Subscriber))
        {
            Context.Watch(subscribe.Subscriber);
        }

        _subscribers[subscribe.Subscriber] = Math.Max(subscribe.KnownVersion, _subscribers.GetValueOrDefault(subscribe.Subscriber));
        if (_current is not null && _current.Version > subscribe.KnownVersion)
        {
            subscribe.Subscriber.Tell(ToChanged(_current, null));
            _subscribers[subscribe.Subscriber] = _current.Version;
        }
    }

    private ConfigChanged ToChanged(ConfigApplied applied, ConfigApplied? previous)
    {
        ImmutableArray<string> diff = [];
        if (previous is not null)
        {
            var before = _parser.Parse(previous.Content, previous.Format, _topic);
            var after = _parser.Parse(applied.Content, applied.Format, _topic);
            if (before.IsSuccess && after.IsSuccess)
            {
                diff = [.. ConfigDiff.Compute(before.Document!, after.Document!).Entries.Select(e => e.ToString())];
            }
        }

        return new ConfigChanged(_topic, applied.Version, applied.Content, applied.Format, applied.Hash, applied.Origin, applied.At, diff);
    }

    private sealed record AskLatest
    {
        public static readonly AskLatest Instance = new();

        private AskLatest()
        {
        }
    }
}
