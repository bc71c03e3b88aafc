using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Akka.Actor;

namespace HotReloadCluster.Diagnostics;

/// <summary>
/// The metrics and traces of one ActorSystem: a <see cref="System.Diagnostics.Metrics.Meter"/> and an
/// <see cref="System.Diagnostics.ActivitySource"/>, both named <see cref="MeterName"/>, with the instruments listed in
/// <see cref="HotReloadInstruments"/>. Collect them with OpenTelemetry (<c>AddMeter("HotReloadCluster")</c>,
/// <c>AddSource("HotReloadCluster")</c>), a <see cref="MeterListener"/> or an <see cref="ActivityListener"/>.
/// </summary>
/// <remarks>
/// <para>Why an ActorSystem extension rather than a static: the observable gauges (versions, subscribers, polling roots)
/// read the state of this system's actors, and a process may run several ActorSystems (tests, an application that
/// hosts its own beside the facade's). Each gets its own <see cref="Meter"/> instance with the same name, disposed when
/// the system terminates, so a listener can tell them apart (<see cref="Instrument.Meter"/>, <see cref="ActivitySource"/>)
/// and nothing outlives the system. Exporters that select by name see all of them.</para>
/// <para>Cost when nobody listens: instruments are disabled (a counter's <c>Add</c> returns at once) and
/// <see cref="System.Diagnostics.ActivitySource.StartActivity(string, ActivityKind)"/> returns null, so no trace context travels.</para>
/// <para>Topic tags are bounded: topics come only from the files under the watched roots (and the topics a subscriber
/// subscribes to), and this system tags at most <see cref="MaxTopicTagValues"/> distinct topics; later ones are
/// counted under <see cref="OtherTopic"/> (and left out of the per-topic gauges).</para>
/// </remarks>
public sealed class HotReloadTelemetry : IExtension, IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "HotReloadCluster";

    /// <summary>The activity source's name.</summary>
    public const string ActivitySourceName = "HotReloadCluster";

    /// <summary>How many distinct topics get their own tag value.</summary>
    public const int MaxTopicTagValues = 1000;

    /// <summary>The topic tag of the topics beyond <see cref="MaxTopicTagValues"/>.</summary>
    public const string OtherTopic = "_other";

    private readonly ConcurrentDictionary<string, bool> _topics = new(StringComparer.Ordinal);
    private readonly Counter<long> _reloads;
    private readonly Histogram<double> _reloadDuration;
    private readonly Histogram<double> _propagationDelay;
    private readonly Counter<long> _rollbacks;

    /// <summary>Creates the telemetry of one system; use <see cref="Get"/> (the instance is disposed with the system).</summary>
    public HotReloadTelemetry()
    {
        var version = typeof(HotReloadTelemetry).Assembly.GetName().Version?.ToString();
        Meter = new Meter(MeterName, version);
        ActivitySource = new ActivitySource(ActivitySourceName, version);
        _reloads = Meter.CreateCounter<long>(HotReloadInstruments.Reloads, "{reload}", "Finished reload attempts, by topic and outcome.");
        _reloadDuration = Meter.CreateHistogram<double>(HotReloadInstruments.ReloadDuration, "ms", "Time from the debounced reload request to its outcome (persisted and applied, or refused), on the source.");
        _propagationDelay = Meter.CreateHistogram<double>(HotReloadInstruments.PropagationDelay, "ms", "Time from a version's persistence on the source to its apply on this subscriber node.");
        _rollbacks = Meter.CreateCounter<long>(HotReloadInstruments.Rollbacks, "{rollback}", "Persisted rollbacks, by topic and trigger.");
        Meter.CreateObservableGauge(HotReloadInstruments.TopicVersion, ObserveVersions, "{version}", "Current version per topic: held by the source (role=source), applied on this node (role=subscriber).");
        Meter.CreateObservableGauge(HotReloadInstruments.Subscribers, () => Observe(Subscribers), "{node}", "Subscriber nodes registered with the topic's registry entity on this node.");
        Meter.CreateObservableGauge(HotReloadInstruments.WatcherPolling, ObservePolling, "{root}", "1 when a watched root fell back to polling, else 0.");
    }

    /// <summary>The meter (<see cref="MeterName"/>).</summary>
    public Meter Meter { get; }

    /// <summary>The activity source (<see cref="ActivitySourceName"/>).</summary>
    public ActivitySource ActivitySource { get; }

    /// <summary>Current versions held by the ReloadActors of this node, by topic.</summary>
    internal GaugeSet SourceVersions { get; } = new();

    /// <summary>Versions applied by this node's subscriptions, by topic.</summary>
    internal GaugeSet SubscriberVersions { get; } = new();

    /// <summary>Subscriber counts of the registry entities on this node, by topic.</summary>
    internal GaugeSet Subscribers { get; } = new();

    /// <summary>Polling fallback (1) or not (0), by watched root.</summary>
    internal GaugeSet PollingRoots { get; } = new();

    /// <summary>The telemetry of <paramref name="system"/>, created on first use and disposed when the system terminates.</summary>
    public static HotReloadTelemetry Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.WithExtension<HotReloadTelemetry, HotReloadTelemetryProvider>();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Meter.Dispose();
        ActivitySource.Dispose();
    }

    /// <summary>The tag value for <paramref name="topic"/>: itself, or <see cref="OtherTopic"/> beyond the bound.</summary>
    internal string TopicTag(string topic)
    {
        if (_topics.ContainsKey(topic))
        {
            return topic;
        }

        // Racing callers may overshoot the bound by a few; it stays bounded.
        return _topics.Count < MaxTopicTagValues && _topics.TryAdd(topic, true) || _topics.ContainsKey(topic) ? topic : OtherTopic;
    }

    /// <summary>A reload attempt ended with <paramref name="outcome"/> after <paramref name="milliseconds"/>.</summary>
    internal void ReloadFinished(string topic, string outcome, double? milliseconds)
    {
        if (!_reloads.Enabled && !_reloadDuration.Enabled)
        {
            return;
        }

        var tags = new TagList { { HotReloadInstruments.TopicTag, TopicTag(topic) }, { HotReloadInstruments.OutcomeTag, outcome } };
        _reloads.Add(1, tags);
        if (milliseconds is { } ms)
        {
            _reloadDuration.Record(ms, tags);
        }
    }

    /// <summary>The <see cref="HotReloadInstruments.OutcomeTag"/> value of <paramref name="outcome"/>.</summary>
    internal static string OutcomeName(Reloading.OutcomeKind outcome) => outcome switch
    {
        Reloading.OutcomeKind.Applied => "applied",
        Reloading.OutcomeKind.Unchanged => "unchanged",
        Reloading.OutcomeKind.Rejected => "rejected",
        Reloading.OutcomeKind.Failed => "failed",
        _ => "refused",
    };

    /// <summary>A rollback of <paramref name="topic"/> was persisted.</summary>
    internal void RolledBack(string topic, bool automatic)
    {
        if (_rollbacks.Enabled)
        {
            _rollbacks.Add(1, new TagList { { HotReloadInstruments.TopicTag, TopicTag(topic) }, { HotReloadInstruments.TriggerTag, automatic ? "automatic" : "manual" } });
        }
    }

    /// <summary>A version of <paramref name="topic"/> persisted at <paramref name="at"/> was applied here at <paramref name="now"/>.</summary>
    internal void Propagated(string topic, DateTimeOffset at, DateTimeOffset now)
    {
        if (_propagationDelay.Enabled)
        {
            // Clocks of two nodes: a skew could make it negative.
            _propagationDelay.Record(Math.Max(0, (now - at).TotalMilliseconds), new TagList { { HotReloadInstruments.TopicTag, TopicTag(topic) } });
        }
    }

    /// <summary>
    /// Starts a span of this system's source as a child of <paramref name="traceParent"/> (a W3C <c>traceparent</c>
    /// that came with a message), or as a root when there is none. Never a child of whatever <see cref="Activity.Current"/>
    /// happens to be on the dispatcher thread, and leaves it as it was: actors handle one message at a time on shared
    /// threads, so a span is held by the actor and ended with <see cref="Stop"/>. Null when nobody listens.
    /// </summary>
    internal Activity? Start(string name, ActivityKind kind, string? traceParent, string topic, DateTimeOffset startTime = default)
    {
        if (!ActivitySource.HasListeners())
        {
            return null;
        }

        var previous = Activity.Current;
        Activity.Current = null;
        try
        {
            _ = ActivityContext.TryParse(traceParent, null, isRemote: true, out var parent);
            var activity = ActivitySource.StartActivity(name, kind, parent, startTime: startTime);
            activity?.SetTag("hotreload.topic", topic);
            return activity;
        }
        finally
        {
            Activity.Current = previous;
        }
    }

    /// <summary>Ends <paramref name="activity"/> (once), with an error status when <paramref name="error"/> is given.</summary>
    internal static void Stop(Activity? activity, string? outcome = null, string? error = null)
    {
        if (activity is null || activity.IsStopped)
        {
            return;
        }

        if (outcome is not null)
        {
            activity.SetTag("hotreload.outcome", outcome);
        }

        if (error is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, error);
        }

        var previous = Activity.Current;
        activity.Stop();
        Activity.Current = previous == activity ? null : previous;
    }

    /// <summary>The W3C <c>traceparent</c> to send on after <paramref name="activity"/>: its own, or the one it would have continued.</summary>
    internal static string? TraceParentOf(Activity? activity, string? fallback) =>
        activity is { IdFormat: ActivityIdFormat.W3C, Id: { } id } ? id : fallback;

    private IEnumerable<Measurement<long>> ObserveVersions()
    {
        foreach (var measurement in Observe(SourceVersions, HotReloadInstruments.RoleSource))
        {
            yield return measurement;
        }

        foreach (var measurement in Observe(SubscriberVersions, HotReloadInstruments.RoleSubscriber))
        {
            yield return measurement;
        }
    }

    private IEnumerable<Measurement<long>> Observe(GaugeSet gauges, string? role = null)
    {
        foreach (var (topic, value) in gauges.Read())
        {
            var tag = TopicTag(topic);
            if (tag == OtherTopic)
            {
                continue; // a gauge cannot add topics up: beyond the bound they are left out
            }

            yield return role is null
                ? new Measurement<long>(value, new KeyValuePair<string, object?>(HotReloadInstruments.TopicTag, tag))
                : new Measurement<long>(value, new KeyValuePair<string, object?>(HotReloadInstruments.TopicTag, tag), new KeyValuePair<string, object?>(HotReloadInstruments.RoleTag, role));
        }
    }

    private IEnumerable<Measurement<long>> ObservePolling()
    {
        foreach (var (root, value) in PollingRoots.Read())
        {
            yield return new Measurement<long>(value, new KeyValuePair<string, object?>(HotReloadInstruments.RootTag, root));
        }
    }

    private sealed class HotReloadTelemetryProvider : ExtensionIdProvider<HotReloadTelemetry>
    {
        public override HotReloadTelemetry CreateExtension(ExtendedActorSystem system)
        {
            var telemetry = new HotReloadTelemetry();
            system.RegisterOnTermination(telemetry.Dispose);
            return telemetry;
        }
    }
}
