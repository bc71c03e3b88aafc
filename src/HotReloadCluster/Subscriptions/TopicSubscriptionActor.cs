using HotReloadCluster.Hosting;
using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using System.Text;
using Akka.Event;
using HotReloadCluster.Content;
using HotReloadCluster.Core.Diffing;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Parsing;
using HotReloadCluster.Core.Substitution;
using HotReloadCluster.Diagnostics;
using HotReloadCluster.Registry;
using HotReloadCluster.Reloading;

namespace HotReloadCluster.Subscriptions;

/// <summary>
/// This node's subscription to one topic: registers with the registry (again every
/// <see cref="SubscriptionSettings.ResubscribeInterval"/>, with the version it has), gets each new version's content by
/// hash (from this node's <see cref="ContentCache"/>, or fetched once in chunks from the topic's ReloadActor), parses it,
/// resolves it with this process's variables and validates it — once — and hands a <see cref="ConfigUpdate"/> to the local
/// subscribers in version order. A version that cannot be applied is reported as <see cref="ApplyFailed"/>; the last good
/// one stays. While a content is being fetched, only the newest version announced meanwhile is kept to apply next. What
/// this node last applied or refused goes to the registry as a <see cref="VersionReport"/>, again with every re-subscribe.
/// </summary>
internal sealed class TopicSubscriptionActor : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan ChunkTimeout = TimeSpan.FromSeconds(10);
    private readonly string _topic;
    private readonly IActorRef _registry;
    private readonly IActorRef _contentSource;
    private readonly SubscriptionSettings _settings;
    private readonly ConfigParser _parser;
    private readonly ContentCache _cache;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HashSet<IActorRef> _local = [];
    private readonly HotReloadTelemetry _telemetry = HotReloadTelemetry.Get(Context.System);
    private GaugeSet.Slot? _versionGauge;
    private long _seenVersion;
    private (long Version, string Hash)? _staleReplacementTried;
    private ConfigUpdate? _current;
    private ConfigDocument? _currentTemplate;
    private SecretScrubber _scrubber = SecretScrubber.None;
    private ConfigChanged? _fetching;
    private ConfigChanged? _next;
    private VersionReport? _report;

    /// <summary>Creates the actor; use <see cref="Props"/>.</summary>
    public TopicSubscriptionActor(string topic, IActorRef registry, IActorRef contentSource, SubscriptionSettings settings)
    {
        _topic = topic;
        _registry = registry;
        _contentSource = contentSource;
        _settings = settings;
        _parser = new ConfigParser(settings.Limits);
        _cache = ContentCache.Get(Context.System);
        Receive<Subscribe>(subscribe =>
        {
            if (_local.Add(subscribe.Subscriber))
            {
                Context.Watch(subscribe.Subscriber);
                if (_current is not null)
                {
                    subscribe.Subscriber.Tell(_current);
                }
            }
        });
        Receive<Unsubscribe>(unsubscribe => _local.Remove(unsubscribe.Subscriber));
        Receive<Terminated>(terminated => _local.Remove(terminated.ActorRef));
        Receive<ConfigChanged>(OnChanged);
        Receive<ContentArrived>(arrived =>
        {
            _fetching = null;
            Apply(arrived.Change, arrived.Bytes, arrived.Span);
            ContinueWithNext();
        });
        Receive<ContentFailed>(failed =>
        {
            _fetching = null;
            HotReloadTelemetry.Stop(failed.Span, "failed", "cannot get the content");
            _log.Warning("Topic {0}: cannot get the content of version {1} ({2}); trying again at the next re-subscribe", _topic, failed.Change.Version, failed.Error);
            ContinueWithNext();
        });
        Receive<ApplyFailed>(failed =>
        {
            // From a local subscriber: stamp this node; its message may quote resolved values, which stay here.
            _log.Warning("Topic {0}: version {1} refused by a local subscriber: {2}", _topic, failed.Version, _scrubber.Scrub(failed.Error));
            var error = Bound(_scrubber.Scrub(failed.Error));
            _registry.Tell(failed with { Topic = _topic, Node = NodeName, Error = error });
            if (failed.Version >= (_report?.Version ?? 0))
            {
                Report(failed.Version, error);
            }
        });
        Receive<ResubscribeNow>(_ => Self.Tell(Resubscribe.Instance));
        Receive<Resubscribe>(_ =>
        {
            _registry.Tell(new SubscribeTopic(_topic, Self, KnownVersion));
            if (_report is { } report)
            {
                _registry.Tell(report); // idempotent: a moved or restarted registry entity learns it back
            }
        });
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for one topic's subscription on this node; content is fetched from <paramref name="contentSource"/> (the ReloadActor region or its proxy).</summary>
    public static Props Props(string topic, IActorRef registry, IActorRef contentSource, SubscriptionSettings settings) =>
        ActorFactory<TopicSubscriptionActor>.Props(() => new TopicSubscriptionActor(topic, registry, contentSource, settings)).WithDeploy(Deploy.Local);

    private static string NodeName => ((ExtendedActorSystem)Context.System).Provider.DefaultAddress.ToString();

    /// <inheritdoc />
    protected override void PreStart()
    {
        // A new incarnation of this node (after it was downed) starts from what the last one applied; a fresh process
        // from the last-known-good cache on disk, marked stale until the cluster confirms or replaces it.
        if (_settings.Store.Get(_topic) is { } stored)
        {
            _current = stored.Update;
            _currentTemplate = stored.Template;
            _scrubber = stored.Scrubber;
            _seenVersion = stored.Update.Version;
        }
        else if (_settings.Cache?.Load(_topic) is { } cached && Materialize(Encoding.UTF8.GetBytes(cached.Content), cached.Format) is { Error: null } fromCache)
        {
            _log.Info("Topic {0}: serving version {1} from the last-known-good cache until the cluster answers", _topic, cached.Version);
            _scrubber = fromCache.Scrubber;
            _currentTemplate = fromCache.Template;
            _current = new ConfigUpdate(_topic, cached.Version, fromCache.Resolved!, [], cached.Origin, cached.Hash, Stale: true);
            _seenVersion = cached.Version;
            _settings.Store.Set(new StoredVersion(_current, _currentTemplate!, _scrubber));
        }

        _versionGauge = _telemetry.SubscriberVersions.Register(_topic, _current?.Version ?? 0);
        _registry.Tell(new SubscribeTopic(_topic, Self, KnownVersion));
        if (_current is { Stale: false } carried)
        {
            Report(carried.Version, null); // a new incarnation runs what the last one applied
        }

        Timers.StartPeriodicTimer(Resubscribe.Instance, Resubscribe.Instance, _settings.ResubscribeInterval);
        base.PreStart();
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _registry.Tell(new UnsubscribeTopic(_topic, Self));
        if (_versionGauge is { } gauge)
        {
            _telemetry.SubscriberVersions.Release(_topic, gauge);
        }

        base.PostStop();
    }

    /// <summary>The version told to the registry: none while serving a stale cached version, so the registry sends its current one, which confirms or replaces it.</summary>
    private long KnownVersion => _current is { Stale: true } ? 0 : _seenVersion;

    private void OnChanged(ConfigChanged changed)
    {
        if (_current is { Stale: true } stale && changed.Version == stale.Version && changed.Hash == stale.Hash)
        {
            // The cluster confirms the cached version: no longer stale, nothing to apply again.
            _log.Info("Topic {0}: the cluster confirms version {1}, served from the cache so far", _topic, changed.Version);
            _current = stale with { Stale = false };
            _settings.Store.Set(new StoredVersion(_current, _currentTemplate!, _scrubber));
            Report(changed.Version, null);
            foreach (var subscriber in _local)
            {
                subscriber.Tell(_current);
            }

            return;
        }

        if (_current is { Stale: true } cachedOnly && _fetching is null && changed.Version <= _seenVersion
            && _staleReplacementTried != (changed.Version, changed.Hash))
        {
            // Once per cluster version: if it cannot be applied here, the failure is reported once, not at every re-subscribe.
            _staleReplacementTried = (changed.Version, changed.Hash);
            // The cluster's version is not the cached one (same number with other content, or a lower number: its journal
            // was reset, or the cache came from another cluster). The cluster is the truth: apply its version.
            _log.Warning("Topic {0}: the cluster has version {1} ({2}), not the cached version {3} ({4}); replacing the cached one", _topic, changed.Version, changed.Hash, cachedOnly.Version, cachedOnly.Hash);
            _seenVersion = changed.Version - 1;
        }

        if (changed.Version <= _seenVersion || changed.Version <= (_fetching?.Version ?? 0) || changed.Version <= (_next?.Version ?? 0))
        {
            return; // a duplicate or an older version: subscribers only move forward
        }

        if (_fetching is not null)
        {
            _next = changed;
            return;
        }

        Fetch(changed);
    }

    private void Fetch(ConfigChanged changed)
    {
        // This node's part of the version's trace: from here (content from the cache or fetched) to the local subscribers.
        var span = _telemetry.Start(HotReloadInstruments.ApplySpan, ActivityKind.Consumer, changed.TraceParent, _topic);
        span?.SetTag("hotreload.version", changed.Version);
        span?.SetTag("hotreload.node", NodeName);
        if (_cache.TryGet(changed.Hash, out var bytes))
        {
            span?.SetTag("hotreload.content", "cached");
            Apply(changed, bytes, span);
            return;
        }

        span?.SetTag("hotreload.content", "fetched");
        _fetching = changed;
        var source = _contentSource;
        _cache.GetOrFetchAsync(changed.Hash, () => ContentFetcher.FetchAsync(source, changed.Topic, changed.Hash, ChunkTimeout))
            .PipeTo(Self, success: content => new ContentArrived(changed, content, span), failure: ex => new ContentFailed(changed, ex.GetBaseException().Message, span));
    }

    private void ContinueWithNext()
    {
        if (_next is { } next)
        {
            _next = null;
            if (next.Version > _seenVersion)
            {
                Fetch(next);
            }
        }
    }

    private void Apply(ConfigChanged changed, byte[] content, Activity? span)
    {
        if (changed.Version <= _seenVersion)
        {
            HotReloadTelemetry.Stop(span, "unchanged");
            return;
        }

        if (_seenVersion > 0 && changed.Version > _seenVersion + 1)
        {
            _log.Info("Topic {0}: caught up from version {1} to {2}", _topic, _seenVersion, changed.Version);
        }

        var previousVersion = _current?.Version ?? 0;
        var wasStale = _current?.Stale ?? false;
        var hadVersion = _seenVersion > 0 && !wasStale;
        _seenVersion = changed.Version;
        var materialized = Materialize(content, changed.Format);
        if (materialized.Error is { } error)
        {
            HotReloadTelemetry.Stop(span, "rejected", "the version cannot be applied on this node");
            Fail(changed.Version, error);
            return;
        }

        _scrubber = materialized.Scrubber;

        // The source computed the diff from its previous version; a subscriber that had another one (it skipped
        // versions, refused one, or started from its cache) computes its own, on templates, so a value from a variable
        // is never in it.
        ImmutableArray<string> diff = changed.DiffFrom == previousVersion && !wasStale || _currentTemplate is null
            ? changed.Diff
            : DiffLines.From(ConfigDiff.Compute(_currentTemplate, materialized.Template!, VariableSubstitution.FindTemplatedPaths(materialized.Template!)));
        _currentTemplate = materialized.Template!;
        _current = new ConfigUpdate(_topic, changed.Version, materialized.Resolved!, diff, changed.Origin, changed.Hash);
        _settings.Store.Set(new StoredVersion(_current, _currentTemplate, _scrubber));
        SaveToCache(changed, content);
        Report(changed.Version, null);
        foreach (var subscriber in _local)
        {
            subscriber.Tell(_current);
        }

        if (_versionGauge is { } gauge)
        {
            gauge.Value = changed.Version;
        }

        if (hadVersion)
        {
            _telemetry.Propagated(_topic, changed.At, DateTimeOffset.UtcNow);
        }

        HotReloadTelemetry.Stop(span, "applied");
    }

    /// <summary>Parses, resolves and validates content as this process sees it, once: the result, or the error.</summary>
    private (ConfigDocument? Template, ConfigDocument? Resolved, SecretScrubber Scrubber, string? Error) Materialize(byte[] content, ConfigFormat format)
    {
        var parsed = _parser.Parse(content, format, _topic);
        if (!parsed.IsSuccess)
        {
            return (null, null, SecretScrubber.None, "cannot parse: " + parsed.Error);
        }

        var resolved = VariableSubstitution.Resolve(parsed.Document!, _settings.Variables);
        if (!resolved.IsSuccess)
        {
            return (null, null, SecretScrubber.None, string.Join("; ", resolved.Errors.Select(e => e.Message)));
        }

        var scrubber = SecretScrubber.From(resolved);

        // A validator is user code: one that throws is a failed apply, never a restart that drops the local subscribers.
        if (_settings.Validator is { } validator && new Core.Validation.CompositeValidator([validator]).Validate(resolved.Resolved!) is { IsValid: false } invalid)
        {
            return (null, null, SecretScrubber.None, string.Join("; ", scrubber.Scrub(invalid.Errors)));
        }

        return (parsed.Document, resolved.Resolved, scrubber, null);
    }

    /// <summary>Keeps the template on disk for the next start (a failure to write is logged, never fatal).</summary>
    private void SaveToCache(ConfigChanged changed, byte[] content)
    {
        if (_settings.Cache is not { } cache)
        {
            return;
        }

        try
        {
            cache.Save(new CachedVersion(_topic, changed.Version, changed.Hash, changed.Format, changed.Origin, changed.At, Encoding.UTF8.GetString(content)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.Warning("Topic {0}: cannot write the last-known-good cache in {1}: {2}", _topic, cache.Folder, ex.Message);
        }
    }

    /// <summary>An apply error that travels is cut to this length (a validator may quote a whole document).</summary>
    internal const int MaxErrorLength = 4000;

    private static string Bound(string error) => error.Length > MaxErrorLength ? error[..MaxErrorLength] + "..." : error;

    private void Fail(long version, string error)
    {
        error = Bound(error);
        _log.Warning("Topic {0}: version {1} cannot be applied here: {2}", _topic, version, error);
        _registry.Tell(new ApplyFailed(_topic, version, NodeName, error));
        Report(version, error);
    }

    /// <summary>Tells the registry what this node now applied (no error) or refused, and keeps it to tell again.</summary>
    private void Report(long version, string? error)
    {
        _report = new VersionReport(_topic, NodeName, version, _settings.TimeProvider.GetUtcNow(), error);
        _registry.Tell(_report);
    }

    private sealed record ContentArrived(ConfigChanged Change, byte[] Bytes, Activity? Span);

    private sealed record ContentFailed(ConfigChanged Change, string Error, Activity? Span);

    /// <summary>From the manager: a config node left, so the registry entity for this topic may be starting elsewhere, empty.</summary>
    internal sealed record ResubscribeNow
    {
        public static readonly ResubscribeNow Instance = new();

        private ResubscribeNow()
        {
        }
    }

    private sealed record Resubscribe
    {
        public static readonly Resubscribe Instance = new();

        private Resubscribe()
        {
        }
    }
}
