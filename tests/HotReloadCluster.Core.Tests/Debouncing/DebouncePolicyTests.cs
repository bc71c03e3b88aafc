using HotReloadCluster.Core.Debouncing;
using Microsoft.Extensions.Time.Testing;

namespace HotReloadCluster.Core.Tests.Debouncing;

public sealed class DebouncePolicyTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    private static DateTimeOffset At(double milliseconds) => Start + Ms(milliseconds);

    private static DebounceConfig Config(DebounceStrategy strategy, double baseMs = 100, double maxMs = 1000, double multiplier = 1.5)
        => new() { Strategy = strategy, BaseDelay = Ms(baseMs), MaxDelay = Ms(maxMs), AdaptiveMultiplier = multiplier };

    private void AdvanceTo(double milliseconds) => _time.SetUtcNow(At(milliseconds));

    [Fact]
    public void Constructor_InvalidConfig_ThrowsArgumentException()
    {
        var config = new DebounceConfig { BaseDelay = Ms(-1) };

        Assert.Throws<ArgumentException>(() => new DebouncePolicy(config, _time));
    }

    [Fact]
    public void Constructor_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new DebouncePolicy(null!, _time));
        Assert.Throws<ArgumentNullException>(() => new DebouncePolicy(DebounceConfig.Default, null!));
    }

    [Fact]
    public void NewPolicy_NoEvents_IsIdleAndNeverFires()
    {
        var policy = new DebouncePolicy(DebounceConfig.Default, _time);

        _time.Advance(TimeSpan.FromHours(1));

        Assert.False(policy.IsPending);
        Assert.Null(policy.DueAt);
        Assert.Null(policy.BurstStartedAt);
        Assert.Null(policy.TimeUntilDue());
        Assert.Equal(0, policy.EventsInBurst);
        Assert.Equal(Ms(100), policy.CurrentDelay);
        Assert.False(policy.TryFire());
    }

    [Fact]
    public void OnEvent_Idle_StartsBurstAndReturnsDueAt()
    {
        var policy = new DebouncePolicy(DebounceConfig.Default, _time);

        var dueAt = policy.OnEvent();

        Assert.Equal(At(100), dueAt);
        Assert.Equal(dueAt, policy.DueAt);
        Assert.Equal(Start, policy.BurstStartedAt);
        Assert.True(policy.IsPending);
        Assert.Equal(1, policy.EventsInBurst);
        Assert.Equal(Ms(100), policy.TimeUntilDue());
    }

    [Fact]
    public void FixedDelay_FiveEventsTenMsApart_FiresExactlyOnceBaseDelayAfterLast()
    {
        var policy = new DebouncePolicy(DebounceConfig.Fixed(Ms(100)), _time);
        var fires = new List<DateTimeOffset>();

        for (var t = 0; t <= 2000; t++)
        {
            AdvanceTo(t);
            if (t <= 40 && t % 10 == 0)
            {
                policy.OnEvent();
            }

            if (policy.TryFire())
            {
                fires.Add(_time.GetUtcNow());
            }
        }

        Assert.Equal([At(140)], fires);
        Assert.False(policy.IsPending);
    }

    [Fact]
    public void FixedDelay_TryFireBeforeDue_ReturnsFalseAndKeepsBurst()
    {
        var policy = new DebouncePolicy(DebounceConfig.Fixed(Ms(100)), _time);
        policy.OnEvent();
        AdvanceTo(99.9);

        var fired = policy.TryFire();

        Assert.False(fired);
        Assert.True(policy.IsPending);
        Assert.Equal(At(100), policy.DueAt);
        Assert.Equal(Ms(0.1), policy.TimeUntilDue());
    }

    [Fact]
    public void TryFire_AtDue_FiresOnceAndEndsBurst()
    {
        var policy = new DebouncePolicy(DebounceConfig.Fixed(Ms(100)), _time);
        policy.OnEvent();
        AdvanceTo(100);

        var first = policy.TryFire();
        var second = policy.TryFire();

        Assert.True(first);
        Assert.False(second);
        Assert.False(policy.IsPending);
        Assert.Null(policy.DueAt);
        Assert.Equal(0, policy.EventsInBurst);
    }

    [Fact]
    public void TimeUntilDue_PastDue_IsZero()
    {
        var policy = new DebouncePolicy(DebounceConfig.Fixed(Ms(100)), _time);
        policy.OnEvent();
        AdvanceTo(30);
        var partway = policy.TimeUntilDue();

        AdvanceTo(500);
        var overdue = policy.TimeUntilDue();

        Assert.Equal(Ms(70), partway);
        Assert.Equal(TimeSpan.Zero, overdue);
    }

    [Fact]
    public void OnEvent_AfterDueBeforeTryFire_JoinsPendingBurst()
    {
        var policy = new DebouncePolicy(DebounceConfig.Fixed(Ms(100)), _time);
        policy.OnEvent();
        AdvanceTo(150);

        var dueAt = policy.OnEvent();
        var firedEarly = policy.TryFire();
        AdvanceTo(250);
        var firedAtDue = policy.TryFire();

        Assert.Equal(At(250), dueAt);
        Assert.False(firedEarly);
        Assert.True(firedAtDue);
    }

    [Fact]
    public void OnEvent_AfterCapBeforeTryFire_IsDueImmediately()
    {
        var policy = new DebouncePolicy(DebounceConfig.Fixed(Ms(100)), _time);
        policy.OnEvent();
        AdvanceTo(1200);

        var dueAt = policy.OnEvent();
        var fired = policy.TryFire();

        Assert.Equal(At(1000), dueAt);
        Assert.True(fired);
    }

    [Fact]
    public void FixedDelay_ZeroDelay_FiresAtTheEventTime()
    {
        var policy = new DebouncePolicy(DebounceConfig.Fixed(TimeSpan.Zero), _time);
        AdvanceTo(5);

        var dueAt = policy.OnEvent();
        var fired = policy.TryFire();

        Assert.Equal(At(5), dueAt);
        Assert.True(fired);
    }

    [Fact]
    public void FixedDelay_ManyEvents_DelayNeverChanges()
    {
        var policy = new DebouncePolicy(Config(DebounceStrategy.FixedDelay), _time);

        for (var i = 0; i < 5; i++)
        {
            AdvanceTo(i);
            policy.OnEvent();
        }

        Assert.Equal(Ms(100), policy.CurrentDelay);
        Assert.Equal(At(104), policy.DueAt);
        Assert.Equal(5, policy.EventsInBurst);
    }

    [Fact]
    public void Aggressive_Events_WaitFourTimesBaseDelay()
    {
        var policy = new DebouncePolicy(Config(DebounceStrategy.Aggressive), _time);

        policy.OnEvent();
        AdvanceTo(10);
        var dueAt = policy.OnEvent();
        AdvanceTo(409.9);
        var early = policy.TryFire();
        AdvanceTo(410);
        var onTime = policy.TryFire();

        Assert.Equal(At(410), dueAt);
        Assert.Equal(Ms(400), policy.CurrentDelay);
        Assert.False(early);
        Assert.True(onTime);
    }

    [Fact]
    public void Conservative_Events_WaitHalfBaseDelay()
    {
        var policy = new DebouncePolicy(Config(DebounceStrategy.Conservative), _time);

        policy.OnEvent();
        AdvanceTo(10);
        var dueAt = policy.OnEvent();
        AdvanceTo(59.9);
        var early = policy.TryFire();
        AdvanceTo(60);
        var onTime = policy.TryFire();

        Assert.Equal(At(60), dueAt);
        Assert.Equal(Ms(50), policy.CurrentDelay);
        Assert.False(early);
        Assert.True(onTime);
    }

    [Fact]
    public void Adaptive_RapidEvents_GrowDelayByMultiplierUpToMaxDelay()
    {
        var policy = new DebouncePolicy(Config(DebounceStrategy.Adaptive), _time);
        var delays = new List<TimeSpan>();

        for (var i = 0; i < 9; i++)
        {
            AdvanceTo(i);
            policy.OnEvent();
            delays.Add(policy.CurrentDelay);
        }

        Assert.Equal(
            [Ms(100), Ms(150), Ms(225), Ms(337.5), Ms(506.25), Ms(759.375), Ms(1000), Ms(1000), Ms(1000)],
            delays);
        Assert.Equal(At(1000), policy.DueAt);
    }

    [Fact]
    public void Adaptive_GrownBurst_FiresGrownDelayAfterLastEvent()
    {
        var policy = new DebouncePolicy(Config(DebounceStrategy.Adaptive), _time);
        for (var i = 0; i < 4; i++)
        {
            AdvanceTo(i);
            policy.OnEvent();
        }

        AdvanceTo(340.4);
        var early = policy.TryFire();
        AdvanceTo(340.5);
        var onTime = policy.TryFire();

        Assert.False(early);
        Assert.True(onTime);
    }

    [Fact]
    public void Adaptive_QuietAfterFire_DelayDecaysOneStepPerBaseDelay()
    {
        var policy = new DebouncePolicy(Config(DebounceStrategy.Adaptive), _time);
        for (var i = 0; i < 4; i++)
        {
            AdvanceTo(i);
            policy.OnEvent();
        }

        AdvanceTo(340.5);
        Assert.True(policy.TryFire());
        var afterFire = policy.CurrentDelay;
        AdvanceTo(340.5 + 99.9);
        var almostOneStep = policy.CurrentDelay;
        AdvanceTo(340.5 + 100);
        var oneStep = policy.CurrentDelay;
        AdvanceTo(340.5 + 200);
        var twoSteps = policy.CurrentDelay;
        AdvanceTo(340.5 + 300);
        var threeSteps = policy.CurrentDelay;
        AdvanceTo(340.5 + 900);
        var manySteps = policy.CurrentDelay;

        Assert.Equal(Ms(337.5), afterFire);
        Assert.Equal(Ms(337.5), almostOneStep);
        Assert.Equal(Ms(225), oneStep);
        Assert.Equal(Ms(150), twoSteps);
        Assert.Equal(Ms(100), threeSteps);
        Assert.Equal(Ms(100), manySteps);
    }

    [Fact]
    public void Adaptive_NextBurstAfterShortQuiet_StartsWithDecayedDelayAndGrowsFromThere()
    {
        var policy = new DebouncePolicy(Config(DebounceStrategy.Adaptive), _time);
        for (var i = 0; i < 4; i++)
        {
            AdvanceTo(i);
            policy.OnEvent();
        }

        AdvanceTo(340.5);
        Assert.True(policy.TryFire());
        AdvanceTo(340.5 + 150);
        var firstDue = policy.OnEvent();
        var firstDelay = policy.CurrentDelay;
        AdvanceTo(340.5 + 151);
        policy.OnEvent();
        var secondDelay = policy.CurrentDelay;

        Assert.Equal(At(340.5 + 150 + 225), firstDue);
        Assert.Equal(Ms(225), firstDelay);
        Assert.Equal(Ms(337.5), secondDelay);
    }

    [Fact]
    public void Adaptive_QuietForMaxDelay_ResetsToBaseEvenWhenStepsWouldNot()
    {
        var policy = new DebouncePolicy(Config(DebounceStrategy.Adaptive, multiplier: 1.2), _time);
        for (var i = 0; i < 20; i++)
        {
            AdvanceTo(i);
            policy.OnEvent();
        }

        AdvanceTo(1000);
        Assert.True(policy.TryFire());
        var afterFire = policy.CurrentDelay;
        AdvanceTo(1000 + 999);
        var beforeReset = policy.CurrentDelay;
        AdvanceTo(1000 + 1000);
        var atReset = policy.CurrentDelay;

        Assert.Equal(Ms(1000), afterFire);
        Assert.Equal(1000 / Math.Pow(1.2, 9), beforeReset.TotalMilliseconds, 3);
        Assert.Equal(Ms(100), atReset);
    }

    [Fact]
    public void Adaptive_ZeroBaseDelay_StaysZero()
    {
        var policy = new DebouncePolicy(Config(DebounceStrategy.Adaptive, baseMs: 0, maxMs: 1000), _time);

        policy.OnEvent();
        var dueAt = policy.OnEvent();

        Assert.Equal(TimeSpan.Zero, policy.CurrentDelay);
        Assert.Equal(Start, dueAt);
        Assert.True(policy.TryFire());
    }

    [Fact]
    public void Reset_PendingAdaptiveBurst_DropsBurstAndHistory()
    {
        var policy = new DebouncePolicy(Config(DebounceStrategy.Adaptive), _time);
        for (var i = 0; i < 4; i++)
        {
            AdvanceTo(i);
            policy.OnEvent();
        }

        policy.Reset();
        AdvanceTo(1000);
        var firedAfterReset = policy.TryFire();

        Assert.False(firedAfterReset);
        Assert.False(policy.IsPending);
        Assert.Equal(0, policy.EventsInBurst);
        Assert.Equal(Ms(100), policy.CurrentDelay);
        Assert.Equal(At(1100), policy.OnEvent());
    }

    [Theory]
    [InlineData(DebounceStrategy.FixedDelay)]
    [InlineData(DebounceStrategy.Adaptive)]
    [InlineData(DebounceStrategy.Aggressive)]
    [InlineData(DebounceStrategy.Conservative)]
    public void MaxWaitCap_EventsEveryHalfBaseDelayForever_FiresEveryEffectiveMaxDelay(DebounceStrategy strategy)
    {
        var config = Config(strategy);
        var policy = new DebouncePolicy(config, _time);
        var interval = (long)config.EffectiveBaseDelay.TotalMilliseconds / 2;
        var max = (long)config.EffectiveMaxDelay.TotalMilliseconds;
        var fires = new List<DateTimeOffset>();

        for (var t = 0L; t < (3 * max) + 1; t++)
        {
            AdvanceTo(t);
            if (policy.TryFire())
            {
                fires.Add(_time.GetUtcNow());
            }

            if (t % interval == 0)
            {
                policy.OnEvent();
            }
        }

        Assert.Equal([At(max), At(2 * max), At(3 * max)], fires);
    }
}
