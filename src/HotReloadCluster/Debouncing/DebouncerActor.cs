using HotReloadCluster.Hosting;
using Akka.Actor;
using System.Diagnostics;
using HotReloadCluster.Core.Debouncing;
using HotReloadCluster.Diagnostics;
using HotReloadCluster.Reloading;
using HotReloadCluster.Watching;

namespace HotReloadCluster.Debouncing;

/// <summary>
/// Collapses a topic's bursts of file activity into one <see cref="ReloadRequested"/> per burst, with the
/// Core <see cref="DebouncePolicy"/>. Its timer comes from the injected <see cref="TimeProvider"/>, so tests
/// drive it with a fake clock. When traced, each request starts its version's trace: a span from the burst's first
/// event to the request, whose context travels in <see cref="ReloadRequested.TraceParent"/>.
/// </summary>
internal sealed class DebouncerActor : ReceiveActor
{
    private readonly DebouncePolicy _policy;
    private readonly TimeProvider _time;
    private readonly HotReloadTelemetry _telemetry = HotReloadTelemetry.Get(Context.System);
    private ITimer? _timer;
    private bool _schemaChanged;
    private DateTimeOffset? _burstStart;

    /// <summary>Creates the actor; use <see cref="Props"/>.</summary>
    public DebouncerActor(string topic, string filePath, IActorRef target, DebounceConfig config, TimeProvider timeProvider)
    {
        _time = timeProvider;
        _policy = new DebouncePolicy(config, timeProvider);
        Receive<FileActivity>(_ =>
        {
            _burstStart ??= _time.GetUtcNow();
            _policy.OnEvent();
            Schedule();
        });
        Receive<SchemaActivity>(_ =>
        {
            _schemaChanged = true;
            _burstStart ??= _time.GetUtcNow();
            _policy.OnEvent();
            Schedule();
        });
        Receive<Tick>(_ =>
        {
            if (_policy.TryFire())
            {
                // A burst in which the schema changed evaluates the file again even if it was rejected before.
                var span = _telemetry.Start(HotReloadInstruments.FileEventSpan, ActivityKind.Producer, null, topic, _burstStart ?? default);
                span?.SetTag("hotreload.schema_changed", _schemaChanged);
                HotReloadTelemetry.Stop(span);
                target.Tell(new ReloadRequested(topic, filePath, _schemaChanged ? ReloadTrigger.SchemaChanged : ReloadTrigger.FileChanged, HotReloadTelemetry.TraceParentOf(span, null)));
                _schemaChanged = false;
                _burstStart = null;
            }
            else if (_policy.IsPending)
            {
                Schedule();
            }
        });
    }

    /// <summary>Props for a topic's debouncer (always local: it belongs to a file on this node).</summary>
    public static Props Props(string topic, string filePath, IActorRef target, DebounceConfig config, TimeProvider timeProvider) =>
        ActorFactory<DebouncerActor>.Props(() => new DebouncerActor(topic, filePath, target, config, timeProvider)).WithDeploy(Deploy.Local);

    /// <inheritdoc />
    protected override void PostStop()
    {
        _timer?.Dispose();
        base.PostStop();
    }

    private void Schedule()
    {
        var self = Self;
        var due = _policy.TimeUntilDue() ?? TimeSpan.Zero;
        if (due < TimeSpan.Zero)
        {
            due = TimeSpan.Zero;
        }

        if (_timer is null)
        {
            _timer = _time.CreateTimer(_ => self.Tell(Tick.Instance), null, due, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private sealed record Tick
    {
        public static readonly Tick Instance = new();

        private Tick()
        {
        }
    }
}
