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

    // Like Akka's own monotonic clock (internal to Akka, so not shared): a stopwatch started once per process.
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

    /// <summary>
    /// Stops every pending item and, as Akka's own scheduler does at shutdown, runs each one that was not cancelled
    /// once more (so whatever waits on it, such as an ask's timeout, completes); nothing is scheduled after this.
    /// </summary>
    public void Dispose()
    {
        _disposed = true;
        foreach (var entry in _entries.Keys)
        {
            entry.RunOnceAtShutdown();
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

        var now = HighResMonotonicClock;
        delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
        var due = delay >= TimeSpan.MaxValue - now ? TimeSpan.MaxValue : now + delay;
        var entry = new Entry(this, action, interval, cancelable, due);
        entry.Arm();
        if (_disposed)
        {
            entry.Dispose();
        }
    }

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

            // Read first: a disposed cancelable throws here, before anything is registered.
            var token = cancelable?.Token ?? CancellationToken.None;

            // No ExecutionContext flows into the callbacks, as with Akka's own scheduler.
            var flow = ExecutionContext.IsFlowSuppressed() ? (AsyncFlowControl?)null : ExecutionContext.SuppressFlow();
            try
            {
                _timer = new Timer(static state => ((Entry)state!).Fire(), this, Timeout.Infinite, Timeout.Infinite);
            }
            finally
            {
                flow?.Undo();
            }

            owner._entries.TryAdd(this, 0);

            // Registered last: a token already cancelled disposes the entry right here.
            if (token.CanBeCanceled)
            {
                _registration = token.UnsafeRegister(static state => ((Entry)state!).Dispose(), this);
            }
        }

        public void Arm()
        {
            if (Volatile.Read(ref _stopped) != 0)
            {
                return;
            }

            // Rounded up to whole milliseconds (the timer's unit): never early.
            var wait = _due - _owner.HighResMonotonicClock;
            wait = wait <= TimeSpan.Zero ? TimeSpan.Zero : wait > MaxTimerDelay ? MaxTimerDelay : TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds));
            try
            {
                _timer.Change(wait, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // Stopped concurrently.
            }
        }

        /// <summary>At scheduler shutdown: stops the item and runs it once unless it was cancelled.</summary>
        public void RunOnceAtShutdown()
        {
            var cancelled = _cancelable?.IsCancellationRequested == true;
            if (TryStop() && !cancelled)
            {
                Run();
            }
        }

        /// <summary>Stops the item: cancelled, run once, or the scheduler disposed.</summary>
        public void Dispose() => TryStop();

        /// <summary>Releases the timer and leaves the scheduler; true for the one caller that did it.</summary>
        private bool TryStop()
        {
            if (Interlocked.Exchange(ref _stopped, 1) != 0)
            {
                return false;
            }

            _timer.Dispose();
            _registration.Dispose();
            _owner._entries.TryRemove(this, out _);
            return true;
        }

        private void Run()
        {
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
        }

        private void Fire()
        {
            if (Volatile.Read(ref _stopped) != 0 || _owner._disposed || _cancelable?.IsCancellationRequested == true)
            {
                Dispose();
                return;
            }

            if (_owner.HighResMonotonicClock < _due)
            {
                // Woken early: a delay longer than one Timer can wait, or the clock's rounding.
                Arm();
                return;
            }

            Run();
            if (_interval is { } interval)
            {
                _due += interval <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : interval;
                var now = _owner.HighResMonotonicClock;
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
