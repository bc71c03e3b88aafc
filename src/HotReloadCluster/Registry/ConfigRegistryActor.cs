using System.Diagnostics;
using HotReloadCluster.Hosting;
using Akka.Actor;
using Akka.Cluster;
using HotReloadCluster.Diagnostics;
using Akka.Event;
using HotReloadCluster.Reloading;

namespace HotReloadCluster.Registry;

/// <summary>
/// A topic's registry (one sharded entity per topic on <c>config-registry</c> nodes): holds the current version's
/// metadata and forwards each new <see cref="ConfigChanged"/> to every subscriber in version order. It neither parses
/// nor diffs (the source did) and never holds content. It keeps nothing on disk: a (re)started entity asks the
/// ReloadActor for the latest version, and subscribers re-subscribe periodically, so after a move both sides converge
/// without a lost version. Asking about a topic that has no file creates nothing persistent: the ReloadActor answers
/// <see cref="TopicNotFound"/> and stops, and this entity asks again with a growing pause (1 s doubling to 30 s) until
/// the file appears, when the ReloadActor publishes version 1 by itself. It also keeps what each subscriber node last
/// applied or refused (<see cref="VersionReport"/>, in a <see cref="NodeVersionTable"/>): one entry per node, accepted
/// only from a registered subscriber and forgotten when it unsubscribes, terminates, or its node is removed.
/// </summary>
internal sealed class ConfigRegistryActor : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan FirstAsk = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxAsk = TimeSpan.FromSeconds(30);
    private readonly string _topic;
    private readonly IActorRef _reloadRegion;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<IActorRef, long> _subscribers = [];
    private readonly NodeVersionTable _nodes = new();
    private readonly HotReloadTelemetry _telemetry = HotReloadTelemetry.Get(Context.System);
    private readonly GaugeSet.Slot _subscriberGauge;
    private ConfigChanged? _current;
    private TimeSpan _askDelay = FirstAsk;

    /// <summary>Creates the entity; use <see cref="Props"/>.</summary>
    public ConfigRegistryActor(string topic, IActorRef reloadRegion)
    {
        _topic = topic;
        _reloadRegion = reloadRegion;
        _subscriberGauge = _telemetry.Subscribers.Register(topic);
        Receive<VersionPublished>(OnPublished);
        Receive<SubscribeTopic>(OnSubscribe);
        Receive<UnsubscribeTopic>(u =>
        {
            _subscribers.Remove(u.Subscriber);
            _nodes.RemoveReporter(u.Subscriber);
            Context.Unwatch(u.Subscriber);
            _subscriberGauge.Value = _subscribers.Count;
        });
        Receive<Terminated>(t =>
        {
            _subscribers.Remove(t.ActorRef);
            _nodes.RemoveReporter(t.ActorRef);
            _subscriberGauge.Value = _subscribers.Count;
        });
        Receive<VersionReport>(report =>
        {
            // Only a registered subscriber's report counts: a late one from a node already gone cannot come back.
            if (_subscribers.ContainsKey(Sender) && !string.IsNullOrEmpty(report.Node))
            {
                _nodes.Record(report, Sender);
            }
        });
        Receive<ClusterEvent.MemberRemoved>(removed => _nodes.RemoveNode(removed.Member.Address.ToString()));
        Receive<ClusterEvent.CurrentClusterState>(_ => { });
        Receive<ApplyFailed>(failed =>
        {
            _log.Warning("Topic {0}: version {1} failed on {2}: {3}", _topic, failed.Version, failed.Node, failed.Error);
            _reloadRegion.Forward(failed);
        });
        Receive<GetRegistryState>(get =>
        {
            var (nodes, more) = _nodes.Page(get.NodesFrom);
            Sender.Tell(new RegistryState(_topic, _current?.Version ?? 0, _current?.Hash, _subscribers.Count, nodes, more));
        });
        Receive<TopicNotFound>(_ => { });
        Receive<AskLatest>(_ =>
        {
            if (_current is null)
            {
                _reloadRegion.Tell(new RequestLatest(_topic));
                _askDelay = TimeSpan.FromTicks(Math.Min(_askDelay.Ticks * 2, MaxAsk.Ticks));
                Timers.StartSingleTimer(AskLatest.Instance, AskLatest.Instance, _askDelay);
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
        Timers.StartSingleTimer(AskLatest.Instance, AskLatest.Instance, _askDelay);
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, typeof(ClusterEvent.MemberRemoved));
        base.PreStart();
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
        _telemetry.Subscribers.Release(_topic, _subscriberGauge);
        base.PostStop();
    }

    private void OnPublished(VersionPublished published)
    {
        var incoming = published.Change;
        if (_current is null || incoming.Version > _current.Version)
        {
            // The version's trace goes on here; subscribers (now and late ones) continue it from this span.
            var span = _telemetry.Start(HotReloadInstruments.RegistrySpan, ActivityKind.Consumer, incoming.TraceParent, _topic);
            span?.SetTag("hotreload.version", incoming.Version);
            span?.SetTag("hotreload.subscribers", _subscribers.Count);
            incoming = incoming with { TraceParent = HotReloadTelemetry.TraceParentOf(span, incoming.TraceParent) };
            HotReloadTelemetry.Stop(span);
            _current = incoming;
            Timers.Cancel(AskLatest.Instance);
            foreach (var subscriber in _subscribers.Keys.ToList())
            {
                subscriber.Tell(incoming);
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
            subscribe.Subscriber.Tell(_current);
            _subscribers[subscribe.Subscriber] = _current.Version;
        }

        _subscriberGauge.Value = _subscribers.Count;
    }

    private sealed record AskLatest
    {
        public static readonly AskLatest Instance = new();

        private AskLatest()
        {
        }
    }
}
