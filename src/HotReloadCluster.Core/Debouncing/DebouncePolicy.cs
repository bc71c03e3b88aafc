namespace HotReloadCluster.Core.Debouncing;

/// <summary>
/// Decides when a burst of file events for one topic has settled and one reload should run. It is a pure
/// policy over <see cref="TimeProvider.GetUtcNow"/>: it never schedules anything itself.
/// </summary>
/// <remarks>
/// <para>
/// Driving it: on every file event call <see cref="OnEvent"/> and (re)schedule a timer for the returned due
/// time (or <see cref="TimeUntilDue"/>); when the timer fires call <see cref="TryFire"/> and, if it returns
/// true, request exactly one reload. If <see cref="TryFire"/> returns false while <see cref="IsPending"/>,
/// schedule again for <see cref="TimeUntilDue"/>. With a clock that does not go backwards the due time of a
/// burst never moves earlier, so keeping an already scheduled timer is safe.
/// </para>
/// <para>
/// A burst starts with the first event after construction, <see cref="Reset"/> or a successful
/// <see cref="TryFire"/>, and ends when <see cref="TryFire"/> succeeds. Every event of a burst sets the due
/// time to <c>min(now + CurrentDelay, burstStart + EffectiveMaxDelay)</c>: the burst fires
/// <see cref="CurrentDelay"/> after its last event, but never later than
/// <see cref="DebounceConfig.EffectiveMaxDelay"/> after its first one (the max-wait cap). An event that
/// arrives after the due time but before <see cref="TryFire"/> was called still joins the pending burst.
/// </para>
/// <para>
/// <see cref="DebounceStrategy.FixedDelay"/>, <see cref="DebounceStrategy.Aggressive"/> and
/// <see cref="DebounceStrategy.Conservative"/> always use <see cref="DebounceConfig.EffectiveBaseDelay"/>.
/// <see cref="DebounceStrategy.Adaptive"/> starts a burst with its current delay, and multiplies it by
/// <see cref="DebounceConfig.AdaptiveMultiplier"/> for every further event of the burst, up to
/// <see cref="DebounceConfig.EffectiveMaxDelay"/>. The grown delay is kept after the burst fires and decays
/// with the quiet time since that fire: it is divided by the multiplier once per whole
/// <see cref="DebounceConfig.EffectiveBaseDelay"/> of quiet (never below the base delay), and it is back at
/// the base delay once the quiet time reaches <see cref="DebounceConfig.EffectiveMaxDelay"/>. So a topic
/// whose bursts follow each other closely keeps a long delay, and a topic that has been quiet starts fresh.
/// With a zero base delay the adaptive delay stays zero.
/// </para>
/// <para>Not thread-safe: one instance per topic, owned by one actor.</para>
/// </remarks>
public sealed class DebouncePolicy
{
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;
    private readonly double _multiplier;
    private readonly bool _adaptive;

    // The delay of the pending burst; while idle, the delay the last burst ended with (before decay).
    private TimeSpan _delay;
    private DateTimeOffset? _burstStartedAt;
    private DateTimeOffset? _dueAt;
    private DateTimeOffset? _lastFiredAt;
    private int _eventsInBurst;

    /// <summary>Creates an idle policy.</summary>
    /// <param name="config">The configuration; it is validated.</param>
    /// <param name="timeProvider">The clock (<see cref="TimeProvider.System"/> in production).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="config"/> is invalid.</exception>
    public DebouncePolicy(DebounceConfig config, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(timeProvider);
        config.Validate();
        Config = config;
        _timeProvider = timeProvider;
        _baseDelay = config.EffectiveBaseDelay;
        _maxDelay = config.EffectiveMaxDelay;
        _multiplier = config.AdaptiveMultiplier;
        _adaptive = config.Strategy == DebounceStrategy.Adaptive;
        _delay = _baseDelay;
    }

    /// <summary>The configuration.</summary>
    public DebounceConfig Config { get; }

    /// <summary>Whether a burst has had events and has not fired yet.</summary>
    public bool IsPending => _dueAt.HasValue;

    /// <summary>When the pending burst may fire; null while idle.</summary>
    public DateTimeOffset? DueAt => _dueAt;

    /// <summary>When the first event of the pending burst arrived; null while idle.</summary>
    public DateTimeOffset? BurstStartedAt => _burstStartedAt;

    /// <summary>
    /// The delay after the last event: while a burst is pending, the one it uses; while idle, the one the
    /// next event would start with at the current time (for the adaptive strategy, after decay).
    /// </summary>
    public TimeSpan CurrentDelay => IsPending ? _delay : DecayedDelay(_timeProvider.GetUtcNow());

    /// <summary>How many events the pending burst has had; 0 while idle.</summary>
    public int EventsInBurst => _eventsInBurst;

    /// <summary>Registers an event at the current time, starting a burst if none is pending.</summary>
    /// <returns>The new due time, <c>min(now + CurrentDelay, burstStart + EffectiveMaxDelay)</c>.</returns>
    public DateTimeOffset OnEvent()
    {
        var now = _timeProvider.GetUtcNow();
        if (_burstStartedAt is not { } burstStartedAt)
        {
            _delay = DecayedDelay(now);
            burstStartedAt = now;
            _burstStartedAt = now;
            _eventsInBurst = 1;
        }
        else
        {
            if (_eventsInBurst < int.MaxValue)
            {
                _eventsInBurst++;
            }

            if (_adaptive)
            {
                _delay = Grow(_delay);
            }
        }

        var byDelay = now + _delay;
        var byCap = burstStartedAt + _maxDelay;
        var dueAt = byDelay <= byCap ? byDelay : byCap;
        _dueAt = dueAt;
        return dueAt;
    }

    /// <summary>
    /// Fires the pending burst if it is due: returns true (and ends the burst) if and only if a burst is
    /// pending and the current time is at or after <see cref="DueAt"/>.
    /// </summary>
    /// <returns>Whether exactly one reload should be requested now.</returns>
    public bool TryFire()
    {
        if (_dueAt is not { } dueAt)
        {
            return false;
        }

        var now = _timeProvider.GetUtcNow();
        if (now < dueAt)
        {
            return false;
        }

        _lastFiredAt = now;
        _dueAt = null;
        _burstStartedAt = null;
        _eventsInBurst = 0;
        return true;
    }

    /// <summary>The time left until <see cref="DueAt"/> (zero if already due); null while idle.</summary>
    /// <returns>The delay for the driver's timer.</returns>
    public TimeSpan? TimeUntilDue()
    {
        if (_dueAt is not { } dueAt)
        {
            return null;
        }

        var left = dueAt - _timeProvider.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>Drops any pending burst without firing and forgets the adaptive history.</summary>
    public void Reset()
    {
        _dueAt = null;
        _burstStartedAt = null;
        _lastFiredAt = null;
        _eventsInBurst = 0;
        _delay = _baseDelay;
    }

    private TimeSpan Grow(TimeSpan delay)
    {
        var grown = delay.Ticks * _multiplier;
        return grown >= _maxDelay.Ticks ? _maxDelay : TimeSpan.FromTicks((long)Math.Round(grown));
    }

    private TimeSpan DecayedDelay(DateTimeOffset now)
    {
        if (_delay <= _baseDelay || _lastFiredAt is not { } lastFiredAt)
        {
            return _baseDelay;
        }

        var quiet = now - lastFiredAt;
        if (quiet >= _maxDelay)
        {
            return _baseDelay;
        }

        var steps = quiet.Ticks / _baseDelay.Ticks;
        if (steps <= 0)
        {
            return _delay;
        }

        var decayed = _delay.Ticks / Math.Pow(_multiplier, steps);
        return decayed <= _baseDelay.Ticks ? _baseDelay : TimeSpan.FromTicks((long)Math.Round(decayed));
    }
}
