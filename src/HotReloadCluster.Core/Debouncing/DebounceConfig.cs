using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace HotReloadCluster.Core.Debouncing;

/// <summary>
/// The settings of a <see cref="DebouncePolicy"/>. A new instance (and <see cref="Default"/>) is the seed's
/// default: <see cref="DebounceStrategy.FixedDelay"/>, 100 ms base delay, 1 s max delay, multiplier 1.5.
/// </summary>
/// <remarks>
/// <para>
/// The text form, accepted by <see cref="Parse"/> and produced by <see cref="ToString"/>, is
/// <c>&lt;strategy&gt;:&lt;milliseconds&gt;</c>, for example <c>fixed:20</c>, <c>adaptive:50</c>,
/// <c>aggressive:100</c> or <c>conservative:10</c>. Strategy names are case-insensitive; <c>fixed</c> and
/// <c>fixeddelay</c> both mean <see cref="DebounceStrategy.FixedDelay"/>. The milliseconds are the
/// <see cref="BaseDelay"/> (a decimal point and up to four decimals are allowed: one tick is 0.0001 ms).
/// <see cref="MaxDelay"/> then defaults to <see cref="DefaultMaxDelayFor"/> (ten times the base delay, at
/// least 1 s) and <see cref="AdaptiveMultiplier"/> to 1.5. Other values are written as optional
/// comma-separated suffixes, <c>adaptive:50,max=2000,multiplier=2</c>, so every valid configuration
/// round-trips through its text form.
/// </para>
/// <para>
/// Changing <see cref="BaseDelay"/> with a <c>with</c> expression keeps the old <see cref="MaxDelay"/>;
/// use <see cref="Create"/> or <see cref="Fixed"/> to derive the max delay from the base delay.
/// </para>
/// </remarks>
public sealed record DebounceConfig
{
    private const double DefaultAdaptiveMultiplier = 1.5;
    private const int DefaultMaxDelayFactor = 10;
    private const int AggressiveBaseFactor = 4;
    private const int AggressiveMaxFactor = 2;
    private const decimal TicksPerMillisecond = TimeSpan.TicksPerMillisecond;
    private static readonly TimeSpan MinimumDefaultMaxDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ConservativeFloor = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// The largest accepted <see cref="BaseDelay"/> and <see cref="MaxDelay"/>: one day. It keeps every due
    /// time far from <see cref="DateTimeOffset"/> overflow and inside what actor schedulers accept.
    /// </summary>
    public static TimeSpan MaxSupportedDelay { get; } = TimeSpan.FromDays(1);

    /// <summary>
    /// The seed's default: fixed 100 ms after the last event, capped at 1 s after the first one. 100 ms
    /// collapses the one or two events of an editor save and the several events of a rename-over save
    /// while keeping reload latency low; hosts with their own latency target pick their own configuration.
    /// </summary>
    public static DebounceConfig Default { get; } = new();

    /// <summary>The strategy; <see cref="DebounceStrategy.FixedDelay"/> by default.</summary>
    public DebounceStrategy Strategy { get; init; } = DebounceStrategy.FixedDelay;

    /// <summary>
    /// The quiet time after the last event of a burst before it fires, before the strategy's scaling (see
    /// <see cref="EffectiveBaseDelay"/>). Zero is allowed and means "fire on the next check". 100 ms by default.
    /// </summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The factor by which <see cref="DebounceStrategy.Adaptive"/> grows its delay for each further event of
    /// a burst, and shrinks it per <see cref="BaseDelay"/> of quiet. Must be finite and at least 1; 1.5 by
    /// default. The other strategies ignore it.
    /// </summary>
    public double AdaptiveMultiplier { get; init; } = DefaultAdaptiveMultiplier;

    /// <summary>
    /// The longest a burst may wait counted from its first event, before the strategy's scaling (see
    /// <see cref="EffectiveMaxDelay"/>); also the ceiling of the adaptive delay. Must be at least
    /// <see cref="BaseDelay"/>. 1 s by default.
    /// </summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The delay after the last event that the strategy actually uses: <see cref="BaseDelay"/> for
    /// <see cref="DebounceStrategy.FixedDelay"/> and <see cref="DebounceStrategy.Adaptive"/> (its starting
    /// delay); four times it for <see cref="DebounceStrategy.Aggressive"/>, but never more than
    /// <see cref="EffectiveMaxDelay"/>; half of it for <see cref="DebounceStrategy.Conservative"/>, but a
    /// positive delay never below 1 ms.
    /// </summary>
    public TimeSpan EffectiveBaseDelay => Strategy switch
    {
        DebounceStrategy.Aggressive => Min(Multiply(BaseDelay, AggressiveBaseFactor), EffectiveMaxDelay),
        DebounceStrategy.Conservative => Halve(BaseDelay),
        _ => BaseDelay,
    };

    /// <summary>
    /// The max-wait cap the strategy actually uses: <see cref="MaxDelay"/> for
    /// <see cref="DebounceStrategy.FixedDelay"/> and <see cref="DebounceStrategy.Adaptive"/>, twice it for
    /// <see cref="DebounceStrategy.Aggressive"/>, half of it (a positive delay never below 1 ms) for
    /// <see cref="DebounceStrategy.Conservative"/>.
    /// </summary>
    public TimeSpan EffectiveMaxDelay => Strategy switch
    {
        DebounceStrategy.Aggressive => Multiply(MaxDelay, AggressiveMaxFactor),
        DebounceStrategy.Conservative => Halve(MaxDelay),
        _ => MaxDelay,
    };

    /// <summary>
    /// The max delay used when only a base delay is given (text form, <see cref="Create"/>,
    /// <see cref="Fixed"/>): ten times the base delay, at least 1 s, at most <see cref="MaxSupportedDelay"/>.
    /// Ten times leaves the adaptive strategy room for about six growth steps at 1.5; the 1 s floor keeps a
    /// continuously written file from reloading more than about once a second.
    /// </summary>
    /// <param name="baseDelay">The base delay.</param>
    /// <returns>The derived max delay.</returns>
    public static TimeSpan DefaultMaxDelayFor(TimeSpan baseDelay)
        => Min(Max(Multiply(baseDelay, DefaultMaxDelayFactor), MinimumDefaultMaxDelay), MaxSupportedDelay);

    /// <summary>
    /// A configuration with the given strategy and base delay, <see cref="DefaultMaxDelayFor"/> as max delay
    /// and the default multiplier.
    /// </summary>
    /// <param name="strategy">The strategy.</param>
    /// <param name="baseDelay">The base delay (zero or more, at most <see cref="MaxSupportedDelay"/>).</param>
    /// <returns>The validated configuration.</returns>
    /// <exception cref="ArgumentException">The resulting configuration is invalid.</exception>
    public static DebounceConfig Create(DebounceStrategy strategy, TimeSpan baseDelay)
    {
        var config = new DebounceConfig
        {
            Strategy = strategy,
            BaseDelay = baseDelay,
            MaxDelay = DefaultMaxDelayFor(baseDelay),
        };
        config.Validate();
        return config;
    }

    /// <summary>
    /// A <see cref="DebounceStrategy.FixedDelay"/> configuration with the given delay and
    /// <see cref="DefaultMaxDelayFor"/> as max delay.
    /// </summary>
    /// <param name="delay">The delay after the last event (zero or more, at most <see cref="MaxSupportedDelay"/>).</param>
    /// <returns>The validated configuration.</returns>
    /// <exception cref="ArgumentException">The delay is negative or too large.</exception>
    public static DebounceConfig Fixed(TimeSpan delay) => Create(DebounceStrategy.FixedDelay, delay);

    /// <summary>
    /// Checks the configuration: a defined strategy, <see cref="BaseDelay"/> not negative,
    /// <see cref="MaxDelay"/> at least <see cref="BaseDelay"/> and at most <see cref="MaxSupportedDelay"/>,
    /// <see cref="AdaptiveMultiplier"/> finite and at least 1.
    /// </summary>
    /// <exception cref="ArgumentException">The configuration is invalid; the message says why.</exception>
    public void Validate()
    {
        if (GetValidationError() is { } error)
        {
            throw new ArgumentException(error);
        }
    }

    /// <summary>
    /// Parses the text form <c>&lt;strategy&gt;:&lt;milliseconds&gt;[,max=&lt;milliseconds&gt;][,multiplier=&lt;number&gt;]</c>
    /// (see the type's remarks) and validates the result.
    /// </summary>
    /// <param name="text">The text, for example <c>fixed:20</c>.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">The text is malformed or describes an invalid configuration.</exception>
    public static DebounceConfig Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParseCore(text, out var config, out var error) ? config : throw new FormatException(error);
    }

    /// <summary>Parses the text form like <see cref="Parse"/>, without throwing.</summary>
    /// <param name="text">The text, for example <c>adaptive:50</c>.</param>
    /// <param name="config">The configuration when the text is valid; otherwise null.</param>
    /// <returns>Whether the text is a valid configuration.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out DebounceConfig? config)
    {
        if (text is null)
        {
            config = null;
            return false;
        }

        return TryParseCore(text, out config, out _);
    }

    /// <summary>
    /// The text form, for example <c>fixed:100</c>; <c>max</c> and <c>multiplier</c> suffixes appear only
    /// when they differ from what <see cref="Parse"/> would derive.
    /// </summary>
    /// <returns>The text that <see cref="Parse"/> turns back into an equal configuration.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(StrategyName(Strategy)).Append(':').Append(FormatMilliseconds(BaseDelay));
        if (MaxDelay != DefaultMaxDelayFor(BaseDelay))
        {
            text.Append(",max=").Append(FormatMilliseconds(MaxDelay));
        }

        if (!AdaptiveMultiplier.Equals(DefaultAdaptiveMultiplier))
        {
            text.Append(",multiplier=").Append(AdaptiveMultiplier.ToString("R", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private string? GetValidationError()
    {
        if (!Enum.IsDefined(Strategy))
        {
            return $"DebounceConfig.Strategy {(int)Strategy} is not a defined DebounceStrategy.";
        }

        if (BaseDelay < TimeSpan.Zero)
        {
            return $"DebounceConfig.BaseDelay must not be negative (was {FormatMilliseconds(BaseDelay)} ms).";
        }

        if (MaxDelay < BaseDelay)
        {
            return $"DebounceConfig.MaxDelay ({FormatMilliseconds(MaxDelay)} ms) must not be less than BaseDelay ({FormatMilliseconds(BaseDelay)} ms).";
        }

        if (MaxDelay > MaxSupportedDelay)
        {
            return $"DebounceConfig.MaxDelay ({FormatMilliseconds(MaxDelay)} ms) must not exceed {FormatMilliseconds(MaxSupportedDelay)} ms (one day).";
        }

        if (!double.IsFinite(AdaptiveMultiplier) || AdaptiveMultiplier < 1)
        {
            return $"DebounceConfig.AdaptiveMultiplier must be a finite number of at least 1 (was {AdaptiveMultiplier.ToString("R", CultureInfo.InvariantCulture)}).";
        }

        return null;
    }

    private static bool TryParseCore(
        string text,
        [NotNullWhen(true)] out DebounceConfig? config,
        [NotNullWhen(false)] out string? error)
    {
        config = null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var head = parts[0];
        var colon = head.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            error = $"Expected '<strategy>:<milliseconds>' such as 'fixed:20', got '{text}'.";
            return false;
        }

        var name = head[..colon].Trim();
        if (!TryParseStrategy(name, out var strategy))
        {
            error = $"Unknown debounce strategy '{name}'; expected fixed, fixeddelay, adaptive, aggressive or conservative.";
            return false;
        }

        if (!TryParseMilliseconds(head[(colon + 1)..].Trim(), "base delay", out var baseDelay, out error))
        {
            return false;
        }

        var candidate = new DebounceConfig
        {
            Strategy = strategy,
            BaseDelay = baseDelay,
            MaxDelay = DefaultMaxDelayFor(baseDelay),
        };
        var sawMax = false;
        var sawMultiplier = false;
        foreach (var option in parts.AsSpan(1))
        {
            var equals = option.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? option : option[..equals].Trim();
            var value = equals < 0 ? string.Empty : option[(equals + 1)..].Trim();
            if (key.Equals("max", StringComparison.OrdinalIgnoreCase) && equals >= 0 && !sawMax)
            {
                sawMax = true;
                if (!TryParseMilliseconds(value, "max delay", out var maxDelay, out error))
                {
                    return false;
                }

                candidate = candidate with { MaxDelay = maxDelay };
            }
            else if (key.Equals("multiplier", StringComparison.OrdinalIgnoreCase) && equals >= 0 && !sawMultiplier)
            {
                sawMultiplier = true;
                if (!double.TryParse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var multiplier))
                {
                    error = $"The multiplier must be a number such as 1.5, got '{value}'.";
                    return false;
                }

                candidate = candidate with { AdaptiveMultiplier = multiplier };
            }
            else
            {
                error = $"Unexpected or repeated option '{option}'; expected at most one 'max=<milliseconds>' and one 'multiplier=<number>'.";
                return false;
            }
        }

        error = candidate.GetValidationError();
        if (error is not null)
        {
            return false;
        }

        config = candidate;
        return true;
    }

    private static bool TryParseStrategy(string name, out DebounceStrategy strategy)
    {
        strategy = DebounceStrategy.FixedDelay;
        if (name.Equals("fixed", StringComparison.OrdinalIgnoreCase) || name.Equals("fixeddelay", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var candidate in (ReadOnlySpan<DebounceStrategy>)[DebounceStrategy.Adaptive, DebounceStrategy.Aggressive, DebounceStrategy.Conservative])
        {
            if (name.Equals(StrategyName(candidate), StringComparison.OrdinalIgnoreCase))
            {
                strategy = candidate;
                return true;
            }
        }

        return false;
    }

    private static bool TryParseMilliseconds(
        string text,
        string what,
        out TimeSpan value,
        [NotNullWhen(false)] out string? error)
    {
        value = TimeSpan.Zero;
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var milliseconds))
        {
            error = $"The {what} must be a non-negative number of milliseconds such as 20, got '{text}'.";
            return false;
        }

        if (milliseconds > MaxSupportedDelay.Ticks / TicksPerMillisecond)
        {
            error = $"The {what} '{text}' ms exceeds {FormatMilliseconds(MaxSupportedDelay)} ms (one day).";
            return false;
        }

        var ticks = milliseconds * TicksPerMillisecond;
        if (ticks != decimal.Truncate(ticks))
        {
            error = $"The {what} '{text}' has more than four decimals; the resolution is 0.0001 ms.";
            return false;
        }

        value = TimeSpan.FromTicks((long)ticks);
        error = null;
        return true;
    }

    private static string StrategyName(DebounceStrategy strategy) => strategy switch
    {
        DebounceStrategy.FixedDelay => "fixed",
        DebounceStrategy.Adaptive => "adaptive",
        DebounceStrategy.Aggressive => "aggressive",
        DebounceStrategy.Conservative => "conservative",
        _ => ((int)strategy).ToString(CultureInfo.InvariantCulture),
    };

    private static string FormatMilliseconds(TimeSpan value)
        => (value.Ticks / TicksPerMillisecond).ToString("0.####", CultureInfo.InvariantCulture);

    private static TimeSpan Multiply(TimeSpan value, int factor)
        => value.Ticks > TimeSpan.MaxValue.Ticks / factor || value.Ticks < TimeSpan.MinValue.Ticks / factor
            ? (value.Ticks > 0 ? TimeSpan.MaxValue : TimeSpan.MinValue)
            : TimeSpan.FromTicks(value.Ticks * factor);

    private static TimeSpan Halve(TimeSpan value)
        => value <= ConservativeFloor ? value : Max(TimeSpan.FromTicks(value.Ticks / 2), ConservativeFloor);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a <= b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a >= b ? a : b;
}
