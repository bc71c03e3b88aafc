using CsCheck;
using HotReloadCluster.Core.Debouncing;
using Microsoft.Extensions.Time.Testing;

namespace HotReloadCluster.Core.Tests.Debouncing;

/// <summary>
/// Drives a policy like the debouncer actor would, but with a 1 ms polling "timer": random configurations
/// of every strategy, random event schedules, and an independent oracle of what a burst is.
/// </summary>
public sealed class DebouncePolicyPropertyTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Gen<DebounceConfig> GenConfig =
        from strategy in Gen.Enum<DebounceStrategy>()
        from baseMs in Gen.Int[0, 200]
        from extraMs in Gen.Int[0, 1500]
        from tenths in Gen.Int[10, 30]
        select new DebounceConfig
        {
            Strategy = strategy,
            BaseDelay = TimeSpan.FromMilliseconds(baseMs),
            MaxDelay = TimeSpan.FromMilliseconds(baseMs + extraMs),
            AdaptiveMultiplier = tenths / 10.0,
        };

    // Mostly bursts (short gaps), some medium gaps around typical delays, a few long quiet periods.
    private static readonly Gen<int[]> GenGaps =
        Gen.Frequency((4, Gen.Int[0, 30]), (2, Gen.Int[0, 400]), (1, Gen.Int[0, 2500])).Array[1, 40];

    [Fact]
    public void Policy_RandomConfigsAndSchedules_FiresOncePerBurstNotBeforeDueNotAfterCap()
    {
        Gen.Select(GenConfig, GenGaps, Gen.Bool).Sample(
            (config, gaps, timerBeforeEvents) => Simulate(config, gaps, timerBeforeEvents),
            iter: 400);
    }

    private static long CeilingMs(TimeSpan offset)
        => (offset.Ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond;

    private static void Simulate(DebounceConfig config, int[] gaps, bool timerBeforeEvents)
    {
        var time = new FakeTimeProvider(Start);
        var policy = new DebouncePolicy(config, time);
        var effectiveBase = config.EffectiveBaseDelay;
        var effectiveMax = config.EffectiveMaxDelay;
        var eventTimes = new long[gaps.Length];
        for (int i = 0, t = 0; i < gaps.Length; i++)
        {
            t += gaps[i];
            eventTimes[i] = t;
        }

        // The oracle: the burst is every event since the last fire; it is due at
        // min(lastEvent + delayAfterLastEvent, firstEvent + EffectiveMaxDelay).
        long? burstStart = null;
        var firstEventOfBurst = 0;
        TimeSpan oracleDue = default;
        TimeSpan? previousDelay = null;
        TimeSpan lastBurstDelay = effectiveBase;
        long? lastFire = null;
        var fires = 0;
        var next = 0;
        var end = eventTimes[^1] + CeilingMs(effectiveMax) + 2;

        for (var t = 0L; t <= end; t++)
        {
            time.SetUtcNow(Start + TimeSpan.FromMilliseconds(t));
            if (timerBeforeEvents)
            {
                CheckTimer(t);
            }

            while (next < eventTimes.Length && eventTimes[next] == t)
            {
                var now = TimeSpan.FromMilliseconds(t);
                var dueAt = policy.OnEvent();
                var delay = policy.CurrentDelay;
                if (burstStart is null)
                {
                    burstStart = t;
                    firstEventOfBurst = next;
                }

                // The delay stays inside [EffectiveBaseDelay, EffectiveMaxDelay]; only Adaptive moves it, and
                // inside a burst only upward by the multiplier (capped).
                Assert.InRange(delay, effectiveBase, effectiveMax);
                if (config.Strategy != DebounceStrategy.Adaptive)
                {
                    Assert.Equal(effectiveBase, delay);
                }
                else if (previousDelay is null)
                {
                    // A new adaptive burst starts from the last burst's delay, divided by the multiplier once
                    // per whole EffectiveBaseDelay of quiet since that fire, and from the base once the quiet
                    // reaches EffectiveMaxDelay.
                    var quiet = lastFire is { } fireTime ? now - TimeSpan.FromMilliseconds(fireTime) : TimeSpan.MaxValue;
                    var expected = effectiveBase;
                    if (quiet < effectiveMax && lastBurstDelay > effectiveBase)
                    {
                        var decayed = lastBurstDelay.Ticks / Math.Pow(config.AdaptiveMultiplier, quiet.Ticks / effectiveBase.Ticks);
                        expected = decayed <= effectiveBase.Ticks ? effectiveBase : TimeSpan.FromTicks((long)Math.Round(decayed));
                    }

                    Assert.Equal(expected, delay);
                }
                else
                {
                    var before = previousDelay.Value;
                    var grown = before.Ticks * config.AdaptiveMultiplier;
                    var expected = grown >= effectiveMax.Ticks ? effectiveMax : TimeSpan.FromTicks((long)Math.Round(grown));
                    Assert.Equal(expected, delay);
                }

                previousDelay = delay;
                var byDelay = now + delay;
                var byCap = TimeSpan.FromMilliseconds(burstStart.Value) + effectiveMax;
                oracleDue = byDelay <= byCap ? byDelay : byCap;
                Assert.Equal(Start + oracleDue, dueAt);
                Assert.Equal(next - firstEventOfBurst + 1, policy.EventsInBurst);
                next++;
            }

            if (!timerBeforeEvents)
            {
                CheckTimer(t);
            }
        }

        // Every burst fired, and there are never more reloads than file events.
        Assert.Null(burstStart);
        Assert.False(policy.IsPending);
        Assert.InRange(fires, 1, eventTimes.Length);
        return;

        void CheckTimer(long t)
        {
            var now = TimeSpan.FromMilliseconds(t);
            var fired = policy.TryFire();
            if (fired)
            {
                // (3)/(4): never a reload without an event since the last one.
                Assert.True(burstStart.HasValue, $"fired at {t} ms with no event since the last fire");

                // (1): never before the burst is due, i.e. never while the last gap is shorter than the
                // then-current delay, unless the max-wait cap has passed.
                Assert.True(now >= oracleDue, $"fired at {t} ms, before the burst was due at {oracleDue.TotalMilliseconds} ms");

                // (2): at most EffectiveMaxDelay after the burst's first event (1 ms polling resolution).
                Assert.True(
                    t <= CeilingMs(TimeSpan.FromMilliseconds(burstStart.Value) + effectiveMax),
                    $"fired at {t} ms, later than the cap of the burst that started at {burstStart} ms");
                fires++;
                burstStart = null;
                lastBurstDelay = previousDelay!.Value;
                lastFire = t;
                previousDelay = null;
            }
            else
            {
                // (3): a due burst is never skipped, so each burst ends in exactly one fire.
                Assert.False(
                    burstStart.HasValue && now >= oracleDue,
                    $"did not fire at {t} ms although the burst was due at {oracleDue.TotalMilliseconds} ms");
            }
        }
    }
}
