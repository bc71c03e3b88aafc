namespace HotReloadCluster.Core.Debouncing;

/// <summary>
/// How a <see cref="DebouncePolicy"/> turns a burst of file events into one reload. Every strategy also
/// honours the max-wait cap: a burst fires at most <see cref="DebounceConfig.EffectiveMaxDelay"/> after
/// its first event, so a file that is written continuously still reloads at least that often.
/// </summary>
public enum DebounceStrategy
{
    /// <summary>
    /// Fires <see cref="DebounceConfig.BaseDelay"/> after the last event of a burst.
    /// </summary>
    FixedDelay = 0,

    /// <summary>
    /// Like <see cref="FixedDelay"/>, but every further event inside a burst multiplies the current delay by
    /// <see cref="DebounceConfig.AdaptiveMultiplier"/> (up to <see cref="DebounceConfig.MaxDelay"/>); the
    /// delay shrinks back toward <see cref="DebounceConfig.BaseDelay"/> once the topic has been quiet.
    /// </summary>
    Adaptive = 1,

    /// <summary>
    /// More debouncing: a fixed delay of four times <see cref="DebounceConfig.BaseDelay"/> and a cap of twice
    /// <see cref="DebounceConfig.MaxDelay"/>.
    /// </summary>
    Aggressive = 2,

    /// <summary>
    /// Less debouncing: a fixed delay of half <see cref="DebounceConfig.BaseDelay"/> and a cap of half
    /// <see cref="DebounceConfig.MaxDelay"/>; a positive delay is never halved below one millisecond.
    /// </summary>
    Conservative = 3,
}
