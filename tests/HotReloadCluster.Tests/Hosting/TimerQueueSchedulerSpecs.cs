using Akka.Actor;
using Akka.Configuration;
using HotReloadCluster.Hosting;
using HotReloadCluster.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace HotReloadCluster.Tests.Hosting;

/// <summary>The timer-queue scheduler every HotReloadCluster ActorSystem runs on (the whole suite uses it too).</summary>
public sealed class TimerQueueSchedulerSpecs(ITestOutputHelper output) : HotReloadTestKit(output, sqlite: false)
{
    private IScheduler Scheduler => Sys.Scheduler;

    private int Pending => Assert.IsType<TimerQueueScheduler>(Sys.Scheduler).Pending;

    [Fact]
    public void The_hosting_hocon_selects_it()
    {
        Assert.IsType<TimerQueueScheduler>(Sys.Scheduler);
        Assert.Equal(
            "HotReloadCluster.Hosting.TimerQueueScheduler, HotReloadCluster",
            ConfigurationFactory.ParseString(RuntimeHocon.Config).GetString("akka.scheduler.implementation"));
    }

    [Fact]
    public void A_single_tell_arrives_once_after_its_delay()
    {
        var probe = CreateTestProbe();
        var before = Pending;
        var start = Scheduler.MonotonicClock;
        Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(100), probe.Ref, "due", ActorRefs.NoSender);
        probe.ExpectMsg("due");
        Assert.True(Scheduler.MonotonicClock - start >= TimeSpan.FromMilliseconds(99), "delivered before its delay");
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        AwaitAssert(() => Assert.True(Pending <= before, $"pending {Pending}, before {before}"));
    }

    [Fact]
    public void Tells_arrive_in_the_order_they_are_due_not_the_order_they_were_scheduled()
    {
        var probe = CreateTestProbe();
        Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(300), probe.Ref, "late", ActorRefs.NoSender);
        Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(30), probe.Ref, "early", ActorRefs.NoSender);
        Scheduler.ScheduleTellOnce(TimeSpan.Zero, probe.Ref, "now", ActorRefs.NoSender);
        probe.ExpectMsg("now");
        probe.ExpectMsg("early");
        probe.ExpectMsg("late");
    }

    [Fact]
    public void A_repeated_tell_repeats_until_cancelled_and_then_is_released()
    {
        var probe = CreateTestProbe();
        var before = Pending;
        var cancelable = Scheduler.ScheduleTellRepeatedlyCancelable(TimeSpan.Zero, TimeSpan.FromMilliseconds(20), probe.Ref, "tick", ActorRefs.NoSender);
        for (var i = 0; i < 5; i++)
        {
            probe.ExpectMsg("tick");
        }

        cancelable.Cancel();
        probe.ReceiveWhile(TimeSpan.FromMilliseconds(100), m => m); // at most one already in flight
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(150));
        AwaitAssert(() => Assert.True(Pending <= before, $"pending {Pending}, before {before}"));
    }

    [Fact]
    public void A_cancelled_item_never_runs()
    {
        var probe = CreateTestProbe();
        var cancelable = Scheduler.ScheduleTellOnceCancelable(TimeSpan.FromMilliseconds(100), probe.Ref, "never", ActorRefs.NoSender);
        cancelable.Cancel();
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        var already = new Cancelable(Sys.Scheduler.Advanced);
        already.Cancel();
        Scheduler.ScheduleTellOnce(TimeSpan.Zero, probe.Ref, "never either", ActorRefs.NoSender, already);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_failing_repeated_action_is_logged_and_keeps_its_schedule()
    {
        var probe = CreateTestProbe();
        var runs = 0;
        using var cancelable = new Cancelable(Sys.Scheduler.Advanced);
        Scheduler.Advanced.ScheduleRepeatedly(TimeSpan.Zero, TimeSpan.FromMilliseconds(20), () =>
        {
            probe.Ref.Tell(Interlocked.Increment(ref runs));
            throw new InvalidOperationException("boom");
        }, cancelable);
        probe.ExpectMsg(1);
        probe.ExpectMsg(2);
        probe.ExpectMsg(3);
        cancelable.Cancel();
    }

    [Fact]
    public void Actor_timers_work_on_it()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new TimerUser(probe.Ref)));
        // Items due in the same instant run in any order (on a loaded machine 10 ms and 50 ms can be the same instant).
        probe.ExpectMsgAllOf(["single", "periodic"]);
        probe.ExpectMsg("periodic");
        Sys.Stop(actor);
    }

    [Fact]
    public void Disposing_runs_each_pending_uncancelled_item_once_and_then_nothing_more()
    {
        // As Akka's own scheduler at shutdown: whatever waits on a pending item (an ask's timeout) completes.
        var probe = CreateTestProbe();
        using var concrete = new TimerQueueScheduler(ConfigurationFactory.Empty, Sys.Log);
        IScheduler scheduler = concrete;
        scheduler.ScheduleTellOnce(TimeSpan.FromMinutes(1), probe.Ref, "pending", ActorRefs.NoSender);
        scheduler.ScheduleTellRepeatedly(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), probe.Ref, "repeat", ActorRefs.NoSender);
        var cancelled = scheduler.ScheduleTellOnceCancelable(TimeSpan.FromMinutes(1), probe.Ref, "cancelled", ActorRefs.NoSender);
        cancelled.Cancel();
        Assert.Equal(2, concrete.Pending);

        concrete.Dispose();

        Assert.Equal(0, concrete.Pending);
        probe.ExpectMsgAllOf(["pending", "repeat"]);
        scheduler.ScheduleTellOnce(TimeSpan.Zero, probe.Ref, "scheduled after dispose", ActorRefs.NoSender);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal(0, concrete.Pending);
    }

    [Fact]
    public void An_item_never_runs_before_its_delay()
    {
        var probe = CreateTestProbe();
        var clock = Assert.IsType<TimerQueueScheduler>(Sys.Scheduler);
        for (var i = 0; i < 20; i++)
        {
            var start = clock.HighResMonotonicClock;
            Scheduler.Advanced.ScheduleOnce(TimeSpan.FromMilliseconds(3 + (i % 5)), () => probe.Ref.Tell(clock.HighResMonotonicClock - start));
            var waited = probe.ExpectMsg<TimeSpan>();
            Assert.True(waited >= TimeSpan.FromMilliseconds(3 + (i % 5)), $"ran after {waited.TotalMilliseconds} ms");
        }
    }

    [Fact]
    public void Scheduling_while_the_execution_context_flow_is_suppressed_works()
    {
        var probe = CreateTestProbe();
        using (ExecutionContext.SuppressFlow())
        {
            Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(10), probe.Ref, "suppressed", ActorRefs.NoSender);
        }

        probe.ExpectMsg("suppressed");
    }

    [Fact]
    public void A_delay_longer_than_one_timer_can_wait_is_accepted_and_cancellable()
    {
        var probe = CreateTestProbe();
        var cancelable = Scheduler.ScheduleTellOnceCancelable(TimeSpan.FromDays(80), probe.Ref, "far", ActorRefs.NoSender);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        cancelable.Cancel();
    }

    private sealed class TimerUser : ReceiveActor, IWithTimers
    {
        public TimerUser(IActorRef probe)
        {
            Receive<string>(probe.Tell);
        }

        public ITimerScheduler Timers { get; set; } = null!;

        protected override void PreStart()
        {
            Timers.StartSingleTimer("single", "single", TimeSpan.FromMilliseconds(10));
            Timers.StartPeriodicTimer("periodic", "periodic", TimeSpan.FromMilliseconds(50));
        }
    }
}
