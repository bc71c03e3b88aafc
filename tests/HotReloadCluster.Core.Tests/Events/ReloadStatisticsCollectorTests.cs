using CsCheck;
using HotReloadCluster.Core.Events;

namespace HotReloadCluster.Core.Tests.Events;

public sealed class ReloadStatisticsCollectorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Snapshot_NothingRecorded_IsEmpty()
    {
        var collector = new ReloadStatisticsCollector();

        var stats = collector.Snapshot();

        Assert.Equal(ReloadStatistics.Empty, stats);
        Assert.Equal(0, stats.SuccessRate);
    }

    [Fact]
    public void Record_MixedEvents_CountsAttemptsAndRollbacksSeparately()
    {
        var collector = new ReloadStatisticsCollector();

        collector.Record(Event(ReloadEventType.FileChanged, 0));
        collector.Record(Event(ReloadEventType.ReloadSuccess, 1));
        collector.Record(Event(ReloadEventType.ReloadSuccess, 2));
        collector.Record(Event(ReloadEventType.ReloadSuccess, 3));
        collector.Record(Event(ReloadEventType.ReloadFailed, 4));
        collector.Record(Event(ReloadEventType.ValidationFailed, 5));
        collector.Record(Event(ReloadEventType.RollbackSuccess, 6));
        collector.Record(Event(ReloadEventType.FileChanged, 7));
        var stats = collector.Snapshot();

        Assert.Equal(5, stats.TotalReloads);
        Assert.Equal(3, stats.SuccessfulReloads);
        Assert.Equal(1, stats.FailedReloads);
        Assert.Equal(1, stats.ValidationFailures);
        Assert.Equal(1, stats.Rollbacks);
        Assert.Equal(0.6, stats.SuccessRate, precision: 10);
        Assert.Equal(Start.AddSeconds(6), stats.LastReloadTime);
    }

    [Fact]
    public void Record_OnlyFileChanges_CountsNothing()
    {
        var collector = new ReloadStatisticsCollector();

        collector.Record(Event(ReloadEventType.FileChanged, 1));

        Assert.Equal(ReloadStatistics.Empty, collector.Snapshot());
    }

    [Fact]
    public void Record_OutOfOrderTimestamps_LastReloadTimeIsTheLatest()
    {
        var collector = new ReloadStatisticsCollector();

        collector.Record(Event(ReloadEventType.ReloadSuccess, 10));
        collector.Record(Event(ReloadEventType.ReloadFailed, 5));

        Assert.Equal(Start.AddSeconds(10), collector.Snapshot().LastReloadTime);
    }

    [Fact]
    public void Snapshot_OneToHundredMilliseconds_AverageAndNearestRankP99()
    {
        var collector = new ReloadStatisticsCollector();

        foreach (var ms in Enumerable.Range(1, 100).Reverse())
        {
            collector.Record(Event(ReloadEventType.ReloadSuccess, ms).WithReloadTime(TimeSpan.FromMilliseconds(ms)));
        }

        var stats = collector.Snapshot();

        Assert.Equal(TimeSpan.FromMilliseconds(50.5), stats.AverageReloadTime);
        Assert.Equal(TimeSpan.FromMilliseconds(99), stats.P99ReloadTime);
    }

    [Fact]
    public void Snapshot_FewSamples_P99IsTheLargest()
    {
        var collector = new ReloadStatisticsCollector();

        collector.Record(Event(ReloadEventType.ReloadSuccess, 1).WithReloadTime(TimeSpan.FromMilliseconds(3)));
        collector.Record(Event(ReloadEventType.ReloadSuccess, 2).WithReloadTime(TimeSpan.FromMilliseconds(40)));
        collector.Record(Event(ReloadEventType.ReloadSuccess, 3).WithReloadTime(TimeSpan.FromMilliseconds(7)));

        Assert.Equal(TimeSpan.FromMilliseconds(40), collector.Snapshot().P99ReloadTime);
    }

    [Fact]
    public void Snapshot_MoreSamplesThanWindow_P99FromRecentOnlyAverageFromAll()
    {
        var collector = new ReloadStatisticsCollector(window: 10);

        for (var i = 0; i < 10; i++)
        {
            collector.Record(Event(ReloadEventType.ReloadSuccess, i).WithReloadTime(TimeSpan.FromMilliseconds(1000)));
        }

        for (var i = 0; i < 10; i++)
        {
            collector.Record(Event(ReloadEventType.ReloadSuccess, 10 + i).WithReloadTime(TimeSpan.FromMilliseconds(10)));
        }

        var stats = collector.Snapshot();

        Assert.Equal(TimeSpan.FromMilliseconds(10), stats.P99ReloadTime);
        Assert.Equal(TimeSpan.FromMilliseconds(505), stats.AverageReloadTime);
    }

    [Fact]
    public void P99_AnyWindowAndSampleCount_IsNearestRankOfTheMostRecentWindow()
    {
        // The window's buffer grows as samples arrive (memory per topic stays small for topics that rarely
        // reload); the result must be the same as keeping the last `window` samples in a list.
        Gen.Int[1, 40].SelectMany(window => Gen.Int[1, 500].Array[0, 120].Select(samples => (window, samples)))
            .Sample(c =>
            {
                var (window, samples) = c;
                var collector = new ReloadStatisticsCollector(window);
                for (var i = 0; i < samples.Length; i++)
                {
                    collector.Record(Event(ReloadEventType.ReloadSuccess, i).WithReloadTime(TimeSpan.FromMilliseconds(samples[i])));
                }

                var recent = samples.Skip(Math.Max(0, samples.Length - window)).Select(ms => TimeSpan.FromMilliseconds(ms).Ticks).ToArray();
                var expected = recent.Length == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(ReloadStatisticsCollector.NearestRank(recent, 99));
                Assert.Equal(expected, collector.Snapshot().P99ReloadTime);
            });
    }

    [Fact]
    public void Reset_InTheMiddleOfAWrappedWindow_OnlyNewSamplesCount()
    {
        var collector = new ReloadStatisticsCollector(window: 5);
        for (var i = 1; i <= 8; i++)
        {
            collector.Record(Event(ReloadEventType.ReloadSuccess, i).WithReloadTime(TimeSpan.FromMilliseconds(100 * i)));
        }

        collector.Reset();
        collector.Record(Event(ReloadEventType.ReloadSuccess, 9).WithReloadTime(TimeSpan.FromMilliseconds(3)));
        collector.Record(Event(ReloadEventType.ReloadSuccess, 10).WithReloadTime(TimeSpan.FromMilliseconds(2)));

        Assert.Equal(TimeSpan.FromMilliseconds(3), collector.Snapshot().P99ReloadTime);
    }

    [Fact]
    public void Record_TimedFailuresAndUntimedRollbacks_FailuresTimedRollbacksNot()
    {
        var collector = new ReloadStatisticsCollector();

        collector.Record(Event(ReloadEventType.ReloadSuccess, 1).WithReloadTime(TimeSpan.FromMilliseconds(10)));
        collector.Record(Event(ReloadEventType.ValidationFailed, 2).WithReloadTime(TimeSpan.FromMilliseconds(30)));
        collector.Record(Event(ReloadEventType.RollbackSuccess, 3).WithReloadTime(TimeSpan.FromMilliseconds(1000)));
        collector.Record(Event(ReloadEventType.ReloadSuccess, 4));

        Assert.Equal(TimeSpan.FromMilliseconds(20), collector.Snapshot().AverageReloadTime);
    }

    [Fact]
    public void Reset_AfterRecords_StartsOver()
    {
        var collector = new ReloadStatisticsCollector();
        collector.Record(Event(ReloadEventType.ReloadSuccess, 1).WithReloadTime(TimeSpan.FromMilliseconds(5)));

        collector.Reset();
        collector.Record(Event(ReloadEventType.ReloadFailed, 2).WithReloadTime(TimeSpan.FromMilliseconds(8)));
        var stats = collector.Snapshot();

        Assert.Equal(1, stats.TotalReloads);
        Assert.Equal(0, stats.SuccessfulReloads);
        Assert.Equal(TimeSpan.FromMilliseconds(8), stats.AverageReloadTime);
        Assert.Equal(TimeSpan.FromMilliseconds(8), stats.P99ReloadTime);
        Assert.Equal(0, stats.SuccessRate);
    }

    [Fact]
    public void Record_ConcurrentWriters_TotalsMatch()
    {
        var collector = new ReloadStatisticsCollector(window: 64);
        var types = new[] { ReloadEventType.ReloadSuccess, ReloadEventType.ReloadFailed, ReloadEventType.ValidationFailed, ReloadEventType.RollbackSuccess, ReloadEventType.FileChanged };

        Parallel.For(0, 10_000, i =>
        {
            collector.Record(Event(types[i % types.Length], i).WithReloadTime(TimeSpan.FromMilliseconds(4)));
            if (i % 100 == 0)
            {
                collector.Snapshot();
            }
        });
        var stats = collector.Snapshot();

        Assert.Equal(2_000, stats.SuccessfulReloads);
        Assert.Equal(2_000, stats.FailedReloads);
        Assert.Equal(2_000, stats.ValidationFailures);
        Assert.Equal(2_000, stats.Rollbacks);
        Assert.Equal(6_000, stats.TotalReloads);
        Assert.Equal(TimeSpan.FromMilliseconds(4), stats.AverageReloadTime);
        Assert.Equal(TimeSpan.FromMilliseconds(4), stats.P99ReloadTime);
        Assert.Equal(Start.AddSeconds(9_998), stats.LastReloadTime);
    }

    [Fact]
    public void Constructor_WindowBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReloadStatisticsCollector(0));
    }

    [Fact]
    public void SuccessRate_AllSuccessful_IsOne()
    {
        var stats = ReloadStatistics.Empty with { TotalReloads = 4, SuccessfulReloads = 4 };

        Assert.Equal(1.0, stats.SuccessRate);
    }

    private static ReloadEvent Event(ReloadEventType type, int second) => new(type, "settings", Start.AddSeconds(second));
}
