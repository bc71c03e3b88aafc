using Akka.Actor;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Events;
using HotReloadCluster.Diagnostics;
using HotReloadCluster.Reloading;
using HotReloadCluster.Tests.Support;
using Xunit.Abstractions;

namespace HotReloadCluster.Tests.Diagnostics;

/// <summary>
/// The <c>HotReloadCluster</c> meter read with a <see cref="System.Diagnostics.Metrics.MeterListener"/> after real
/// reloads: real files, a real ReloadActor, a real SQLite journal.
/// </summary>
public sealed class MetricsSpecs(ITestOutputHelper output) : HotReloadTestKit(output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    // The first version includes creating the SQLite journal's tables: slow on a loaded machine.
    private static readonly TimeSpan FirstVersion = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Reloads_AppliedRejectedUnchangedAndARollback_AreCountedTimedAndGaugedByTopicAndOutcome()
    {
        using var metrics = new TelemetryRecorder(HotReloadTelemetry.Get(Sys));
        var file = Temp.Write("settings.yaml", "v: 1\n");
        var events = EventProbe();
        var actor = Sys.ActorOf(ReloadActor.Props("settings", file, new ReloadSettings()));
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings", FirstVersion);

        await File.WriteAllTextAsync(file, "v: [unclosed\n");
        actor.Tell(new ReloadRequested("settings", file, ReloadTrigger.FileChanged));
        ExpectEvent(events, ReloadEventType.ReloadFailed, "settings");
        await File.WriteAllTextAsync(file, "v: 2\n");
        actor.Tell(new ReloadRequested("settings", file, ReloadTrigger.FileChanged));
        Assert.Equal(2, ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings").Version);
        Assert.Equal(OutcomeKind.Unchanged, (await actor.Ask<ReloadOutcome>(new ManualReload("settings", "alice"), Timeout)).Kind);
        Assert.Equal(OutcomeKind.Applied, (await actor.Ask<ReloadOutcome>(Rollback.To("settings", 1, "alice"), Timeout)).Kind);

        AwaitAssert(() =>
        {
            var reloads = metrics.Of(HotReloadInstruments.Reloads);
            Assert.All(reloads, m => Assert.Equal("settings", m[HotReloadInstruments.TopicTag]));
            Assert.Equal(
                [("applied", 2.0), ("rejected", 1.0), ("unchanged", 1.0)],
                reloads.GroupBy(m => m[HotReloadInstruments.OutcomeTag]!).Select(g => (g.Key, g.Sum(m => m.Value))).OrderBy(p => p.Key, StringComparer.Ordinal));
        }, Timeout);
        var durations = metrics.Of(HotReloadInstruments.ReloadDuration);
        Assert.Equal(4, durations.Count);
        Assert.All(durations, d =>
        {
            Assert.Equal("ms", d.Unit);
            Assert.InRange(d.Value, 0, Timeout.TotalMilliseconds);
        });
        Assert.Equal(["applied", "applied", "rejected", "unchanged"], durations.Select(d => d[HotReloadInstruments.OutcomeTag]).Order(StringComparer.Ordinal));
        var rollback = Assert.Single(metrics.Of(HotReloadInstruments.Rollbacks));
        Assert.Equal((1.0, "settings", "manual"), (rollback.Value, rollback[HotReloadInstruments.TopicTag], rollback[HotReloadInstruments.TriggerTag]));
        var version = Assert.Single(metrics.Observe(HotReloadInstruments.TopicVersion), m => m[HotReloadInstruments.TopicTag] == "settings");
        Assert.Equal((3.0, HotReloadInstruments.RoleSource), (version.Value, version[HotReloadInstruments.RoleTag]));
    }

    [Fact]
    public async Task ApplyHookFails_CountsARejectionAndAnAutomaticRollback()
    {
        using var metrics = new TelemetryRecorder(HotReloadTelemetry.Get(Sys));
        var file = Temp.Write("limits.yaml", "rps: 1\n");
        var hook = ConfigApplyHook.From(config =>
        {
            if (((ConfigScalar)config.Document.Find("rps")!).AsInteger() > 100)
            {
                throw new InvalidOperationException("rps too high for this service");
            }
        });
        var events = EventProbe();
        var actor = Sys.ActorOf(ReloadActor.Props("limits", file, new ReloadSettings { ApplyHooks = [hook] }));
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "limits", FirstVersion);

        await File.WriteAllTextAsync(file, "rps: 1000\n");
        actor.Tell(new ReloadRequested("limits", file, ReloadTrigger.FileChanged));

        Assert.Equal(3, ExpectEvent(events, ReloadEventType.RollbackSuccess, "limits").Version);
        AwaitAssert(() =>
        {
            var rollback = Assert.Single(metrics.Of(HotReloadInstruments.Rollbacks));
            Assert.Equal("automatic", rollback[HotReloadInstruments.TriggerTag]);
        }, Timeout);
        Assert.Equal(
            ["applied", "rejected"],
            metrics.Of(HotReloadInstruments.Reloads).Select(m => m[HotReloadInstruments.OutcomeTag]).Order(StringComparer.Ordinal));
        Assert.Equal(3, Assert.Single(metrics.Observe(HotReloadInstruments.TopicVersion), m => m[HotReloadInstruments.TopicTag] == "limits").Value);
    }

    [Fact]
    public void TopicTag_BeyondTheBound_IsOther_AndKnownTopicsKeepTheirs()
    {
        using var telemetry = new HotReloadTelemetry();
        var first = Enumerable.Range(0, HotReloadTelemetry.MaxTopicTagValues).Select(i => telemetry.TopicTag("topic-" + i)).ToList();

        var beyond = telemetry.TopicTag("one-too-many");

        Assert.Equal(HotReloadTelemetry.OtherTopic, beyond);
        Assert.Equal("topic-0", telemetry.TopicTag("topic-0"));
        Assert.Equal(HotReloadTelemetry.MaxTopicTagValues, first.Distinct().Count());
    }

    [Fact]
    public void Gauges_ReleasedByAnOldOwner_KeepTheNewOwnersValue()
    {
        using var telemetry = new HotReloadTelemetry();
        using var metrics = new TelemetryRecorder(telemetry);
        var old = telemetry.Subscribers.Register("settings", 2);
        var successor = telemetry.Subscribers.Register("settings", 3);

        telemetry.Subscribers.Release("settings", old);

        Assert.Equal(3, Assert.Single(metrics.Observe(HotReloadInstruments.Subscribers)).Value);
        telemetry.Subscribers.Release("settings", successor);
        Assert.Empty(metrics.Observe(HotReloadInstruments.Subscribers));
    }
}
