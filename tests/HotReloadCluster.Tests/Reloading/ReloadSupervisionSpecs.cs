using System.Diagnostics.CodeAnalysis;
using HotReloadCluster.Core.Events;
using HotReloadCluster.Core.Substitution;
using HotReloadCluster.Reloading;
using HotReloadCluster.Tests.Support;
using Xunit.Abstractions;

namespace HotReloadCluster.Tests.Reloading;

/// <summary>A failure that escapes a topic's actor restarts it with a real, capped exponential backoff, never a crash loop.</summary>
public sealed class ReloadSupervisionSpecs(ITestOutputHelper output) : HotReloadTestKit(output, sqlite: false)
{
    [Fact]
    public void PermanentFailure_OverTenSeconds_RestartsWithBackoffAndReportsEachOnce()
    {
        Temp.Write("settings.yaml", "a: ${X}\n");
        var source = new ThrowingSource();
        var events = EventProbe();
        var topics = Sys.ActorOf(TopicHostActor.Props(new ReloadSettings { Variables = source }), "topics");

        topics.Tell(new ReloadRequested("settings", Temp.File("settings.yaml"), ReloadTrigger.Startup), Akka.Actor.ActorRefs.NoSender);
        var failures = new List<ReloadEvent>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var e = events.ReceiveOne(deadline - DateTime.UtcNow);
            if (e is ReloadEvent { Type: ReloadEventType.ReloadFailed } failed)
            {
                failures.Add(failed);
            }
        }

        // 0.2, 0.4, 0.8, 1.6, 3.2, 6.4 s (±20 %): about five restarts in ten seconds, not thousands.
        Assert.InRange(failures.Count, 3, 8);
        Assert.InRange(source.Calls, 3, 9);
        Assert.All(failures, f => Assert.Contains("internal error: InvalidOperationException: variable store is down", f.Error, StringComparison.Ordinal));
        Assert.Contains("restart 1 in about 0.2 s", failures[0].Error, StringComparison.Ordinal);
        Assert.Contains("restart 3 in about 0.8 s", failures[2].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void DelayBefore_Restarts_DoublesAndCapsAtThirtySeconds()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(200), ReloadSupervision.DelayBefore(1));
        Assert.Equal(TimeSpan.FromMilliseconds(1600), ReloadSupervision.DelayBefore(4));
        Assert.Equal(TimeSpan.FromSeconds(30), ReloadSupervision.DelayBefore(9));
        Assert.Equal(TimeSpan.FromSeconds(30), ReloadSupervision.DelayBefore(1000));
    }

    /// <summary>User code that fails every time: the exception escapes the pipeline.</summary>
    private sealed class ThrowingSource : IVariableSource
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public bool TryGetValue(string name, [NotNullWhen(true)] out string? value)
        {
            Interlocked.Increment(ref _calls);
            throw new InvalidOperationException("variable store is down");
        }
    }
}
