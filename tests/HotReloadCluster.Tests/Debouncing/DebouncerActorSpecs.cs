using Akka.Actor;
using HotReloadCluster.Core.Debouncing;
using HotReloadCluster.Debouncing;
using HotReloadCluster.Reloading;
using HotReloadCluster.Tests.Support;
using HotReloadCluster.Watching;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace HotReloadCluster.Tests.Debouncing;

/// <summary>The DebouncerActor driven by a fake clock: no waiting for real time.</summary>
public sealed class DebouncerActorSpecs(ITestOutputHelper output) : HotReloadTestKit(output, sqlite: false)
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-27T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Burst_OfActivity_SendsOneReloadRequestedAfterTheDelay()
    {
        var target = CreateTestProbe();
        var debouncer = Start(target, DebounceConfig.Fixed(TimeSpan.FromMilliseconds(20)));

        for (var i = 0; i < 5; i++)
        {
            Send(debouncer, FileActivity.Instance);
            _time.Advance(TimeSpan.FromMilliseconds(5));
        }

        target.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        _time.Advance(TimeSpan.FromMilliseconds(15));

        var request = target.ExpectMsg<ReloadRequested>();
        Assert.Equal("settings", request.Topic);
        Assert.Equal(ReloadTrigger.FileChanged, request.Trigger);
        _time.Advance(TimeSpan.FromSeconds(5));
        target.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void ContinuousActivity_FiresAtMaxDelay()
    {
        var target = CreateTestProbe();
        var config = new DebounceConfig { Strategy = DebounceStrategy.FixedDelay, BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(100) };
        var debouncer = Start(target, config);

        for (var i = 0; i < 9; i++)
        {
            Send(debouncer, FileActivity.Instance);
            _time.Advance(TimeSpan.FromMilliseconds(10));
        }

        target.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Send(debouncer, FileActivity.Instance);
        _time.Advance(TimeSpan.FromMilliseconds(10));

        target.ExpectMsg<ReloadRequested>();
    }

    [Fact]
    public void TwoBursts_SeparatedByQuiet_SendTwoRequests()
    {
        var target = CreateTestProbe();
        var debouncer = Start(target, DebounceConfig.Fixed(TimeSpan.FromMilliseconds(20)));

        Send(debouncer, FileActivity.Instance);
        _time.Advance(TimeSpan.FromMilliseconds(25));
        target.ExpectMsg<ReloadRequested>();
        Send(debouncer, FileActivity.Instance);
        _time.Advance(TimeSpan.FromMilliseconds(25));

        target.ExpectMsg<ReloadRequested>();
    }

    private IActorRef Start(Akka.TestKit.TestProbe target, DebounceConfig config) =>
        Sys.ActorOf(DebouncerActor.Props("settings", "/tmp/settings.yaml", target.Ref, config, _time));

    /// <summary>Sends and waits until the actor has handled it, so that the fake clock moves after.</summary>
    private void Send(IActorRef actor, object message)
    {
        actor.Tell(message);
        actor.Tell(new Identify(null), TestActor);
        ExpectMsg<ActorIdentity>();
    }
}
