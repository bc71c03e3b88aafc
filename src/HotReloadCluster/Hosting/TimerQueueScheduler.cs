using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Event;

namespace HotReloadCluster.Hosting;

/// <summary>
/// An Akka scheduler on the runtime's timer queue: one <see cref="Timer"/> per scheduled item, woken only when
/// something is due. Akka's default <see cref="HashedWheelTimerScheduler"/> wakes every <c>tick-duration</c>
/// (10 ms) for as long as anything is scheduled, even a timer a minute away: on a 2-core machine that kept an idle
/// node at 5–9 % of a core (measured by the scale-files benchmark; see docs/performance.md). Timers here are also
/// finer (about 1 ms instead of rounding up to the next 10 ms tick).
/// </summary>
/// <remarks>
/// Repeated items run at a fixed rate without overlapping: the next run is due one interval after the previous one
/// was due, or at once when a run took longer. Callbacks run on the thread pool; an exception in one is logged and
/// does not cancel a repeated item. Selected with
/// <c>akka.scheduler.implementation = "HotReloadCluster.Hosting.TimerQueueScheduler, HotReloadCluster"</c>
/// (see <see cref="RuntimeHocon"/>).
/// </remarks>
public sealed class TimerQueueScheduler : SchedulerBase, IDateTimeOffsetNowTimeProvider, IDisposable
{
    // Timer's longest due time; longer delays are re-armed in steps.
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1L);

    // Like Akka's own monotonic clock: a stopwatch started once per process.
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<Entry, byte> _entries = new();
    private volatile bool _disposed;

    /// <summary>Created by the ActorSystem from <c>akka.scheduler.implementation</c>.</summary>
    public TimerQueueScheduler(Config scheduler, ILoggingAdapter log)
        : base(scheduler, log)
    {
    }

    /// <inheritdoc />
    public override TimeSpan MonotonicClock => TimeSpan.FromMilliseconds(Clock.ElapsedMilliseconds);

    /// <inheritdoc />
    public override TimeSpan HighResMonotonicClock => Clock.Elapsed;

    /// <summary>Items scheduled and not yet run (once) or cancelled; for tests and diagnostics.</summary>
    public int Pending => _entries.Count;

    /// <inheritdoc />
    protected override DateTimeOffset TimeNow => DateTimeOffset.UtcNow;

    /// <summary>Stops every pending item; nothing runs after this returns (a run already started completes).</summary>
    public void Dispose()
    {
        _disposed = true;
        foreach (var entry in _entries.Keys)
        {
            entry.Dispose();
        }
    }

    /// <inheritdoc />
    protected override void InternalScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Start(delay, null, new TellAction(receiver, message, sender), cancelable);

    /// <inheritdoc />
    protected override void InternalScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Start(initialDelay, interval, new TellAction(receiver, message, sender), cancelable);

    /// <inheritdoc />
    protected override void InternalScheduleOnce(TimeSpan delay, Action action, ICancelable cancelable) =>
        Start(delay, null, new ActionRunnable(action), cancelable);

    /// <inheritdoc />
    protected override void InternalScheduleOnce(TimeSpan delay, IRunnable action, ICancelable cancelable) =>
        Start(delay, null, action, cancelable);

    /// <inheritdoc />
    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action, ICancelable cancelable) =>
        Start(initialDelay, interval, new ActionRunnable(action), cancelable);

    /// <inheritdoc />
    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action, ICancelable cancelable) =>
        Start(initialDelay, interval, action, cancelable);

    private void Start(TimeSpan delay, TimeSpan? interval, IRunnable action, ICancelable? cancelable)
    {
        if (_disposed || cancelable?.IsCancellationRequested == true)
        {
            return;
        }

        var entry = new Entry(this, action, interval, cancelable, MonotonicClock + Positive(delay));
        entry.Arm();
        if (_disposed)
        {
            entry.Dispose();
        }
    }

    private static TimeSpan Positive(TimeSpan delay) => delay < TimeSpan.Zero ? TimeSpan.Zero : delay;

    private sealed class TellAction(ICanTell receiver, object message, IActorRef sender) : IRunnable
    {
        public void Run() => receiver.Tell(message, sender);

#pragma warning disable CA1033 // The scheduler only calls Run; the interface requires Execute.
        void IThreadPoolWorkItem.Execute() => Run();
#pragma warning restore CA1033
    }

    private sealed class ActionRunnable(Action action) : IRunnable
    {
        public void Run() => action();

#pragma warning disable CA1033 // The scheduler only calls Run; the interface requires Execute.
        void IThreadPoolWorkItem.Execute() => Run();
#pragma warning restore CA1033
    }

    /// <summary>One scheduled item and its timer.</summary>
    private sealed class Entry : IDisposable
    {
        private readonly TimerQueueScheduler _owner;
        private readonly IRunnable _action;
        private readonly TimeSpan? _interval;
        private readonly ICancelable? _cancelable;
        private readonly Timer _timer;
        private readonly CancellationTokenRegistration _registration;
        private TimeSpan _due;
        private int _stopped;

        public Entry(TimerQueueScheduler owner, IRunnable action, TimeSpan? interval, ICancelable? cancelable, TimeSpan due)
        {
            _owner = owner;
            _action = action;
            _interval = interval;
            _cancelable = cancelable;
            _due = due;

            // No ExecutionContext flows into the callbacks, as with Akka's own scheduler.
            using (ExecutionContext.SuppressFlow())
            {
                _timer = new Timer(static state => ((Entry)state!).Fire(), this, Timeout.Infinite, Timeout.Infinite);
                owner._entries.TryAdd(this, 0);

                // Registered last: a token already cancelled disposes the entry right here.
                if (cancelable is not null)
                {
                    _registration = cancelable.Token.Register(static state => ((Entry)state!).Dispose(), this);
                }
            }
        }

        public void Arm()
        {
            if (Volatile.Read(ref _stopped) != 0)
            {
                return;
            }

            var wait = _due - _owner.MonotonicClock;
            wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxTimerDelay ? MaxTimerDelay : wait;
            try
            {
                _timer.Change(wait, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // Stopped concurrently.
            }
        }

        /// <summary>Stops the item: cancelled, run once, or the scheduler disposed.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _stopped, 1) != 0)
            {
                return;
            }

            _timer.Dispose();
            _registration.Dispose();
            _owner._entries.TryRemove(this, out _);
        }

        private void Fire()
        {
            if (Volatile.Read(ref _stopped) != 0 || _owner._disposed || _cancelable?.IsCancellationRequested == true)
            {
                Dispose();
                return;
            }

            if (_due - _owner.MonotonicClock > TimeSpan.FromMilliseconds(1))
            {
                // Woken early: a delay longer than one Timer can wait, or the clock's rounding.
                Arm();
                return;
            }

            try
            {
                _action.Run();
            }
#pragma warning disable CA1031 // A failing scheduled item must not take down the timer thread or its repetitions.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _owner.Log.Error(ex, "Scheduled item failed");
            }

            if (_interval is { } interval)
            {
                _due += interval <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : interval;
                var now = _owner.MonotonicClock;
                if (_due < now)
                {
                    // Behind (a slow run, a paused process): run once at once rather than a burst of catch-ups.
                    _due = now;
                }

                Arm();
            }
            else
            {
                Dispose();
            }
        }
    }
}
