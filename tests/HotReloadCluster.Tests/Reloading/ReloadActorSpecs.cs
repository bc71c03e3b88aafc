using Akka.Actor;
using HotReloadCluster.Core.Events;
using HotReloadCluster.Reloading;
using HotReloadCluster.Tests.Support;
using Xunit.Abstractions;

namespace HotReloadCluster.Tests.Reloading;

/// <summary>
/// The ReloadActor on its own, driven by messages. One behavior spec, run against a real SQLite file
/// (<see cref="ReloadActorSqliteSpecs"/>) and a real PostgreSQL database (<see cref="ReloadActorPostgresSpecs"/>).
/// </summary>
public abstract class ReloadActorSpecs(ITestOutputHelper output, PostgresDatabase? postgres) : HotReloadTestKit(output, postgres: postgres)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Recovery_AfterSystemStops_RestoresLastAppliedVersion()
    {
        var file = Temp.Write("settings.yaml", "v: 1\n");
        var config = BuildConfig(Temp, sqlite: true, persistence: Postgres?.Persistence);
        using (var first = ActorSystem.Create("first", config))
        {
            var events = EventProbe(first);
            var actor = first.ActorOf(ReloadActor.Props("settings", file, new ReloadSettings()));
            ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");
            File.WriteAllText(file, "v: 2\n");
            actor.Tell(new ReloadRequested("settings", file, ReloadTrigger.FileChanged));
            Assert.Equal(2, ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings").Version);
            await first.Terminate();
        }

        using var second = ActorSystem.Create("second", config);
        var probe = CreateTestProbe(second);
        var secondEvents = EventProbe(second);
        var recovered = second.ActorOf(ReloadActor.Props("settings", file, new ReloadSettings()));

        recovered.Tell(new GetCurrentConfig("settings"), probe.Ref);

        var current = probe.ExpectMsg<CurrentConfig>(Timeout);
        Assert.Equal(2, current.Current!.Version);
        Assert.Equal("v: 2\n", TopicQueries.Content(recovered));
        Assert.False(current.FileDiffers);
        secondEvents.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        await second.Terminate();
    }

    [Fact]
    public async Task Recovery_FileChangedWhileDown_AppliesTheChangeOnce()
    {
        var file = Temp.Write("settings.yaml", "v: 1\n");
        var config = BuildConfig(Temp, sqlite: true, persistence: Postgres?.Persistence);
        using (var first = ActorSystem.Create("first", config))
        {
            var events = EventProbe(first);
            first.ActorOf(ReloadActor.Props("settings", file, new ReloadSettings()));
            ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");
            await first.Terminate();
        }

        File.WriteAllText(file, "v: changed while down\n");

        using var second = ActorSystem.Create("second", config);
        var secondEvents = EventProbe(second);
        var recovered = second.ActorOf(ReloadActor.Props("settings", file, new ReloadSettings()));

        var success = ExpectEvent(secondEvents, ReloadEventType.ReloadSuccess, "settings");
        Assert.Equal(2, success.Version);
        Assert.Equal("file", success.Metadata[ReloadEventMetadata.Origin]);
        var probe = CreateTestProbe(second);
        recovered.Tell(new GetHistory("settings"), probe.Ref);
        Assert.Equal([1L, 2L], probe.ExpectMsg<TopicHistory>(Timeout).Versions.Select(v => v.Version));
        await second.Terminate();
    }

    [Fact]
    public async Task Snapshots_EveryTwoEvents_RecoveryStillHasFullHistory()
    {
        var file = Temp.Write("settings.yaml", "v: 0\n");
        var config = BuildConfig(Temp, sqlite: true, persistence: Postgres?.Persistence);
        var settings = new ReloadSettings { SnapshotEvery = 2 };
        using (var first = ActorSystem.Create("first", config))
        {
            var events = EventProbe(first);
            var actor = first.ActorOf(ReloadActor.Props("settings", file, settings));
            ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");
            for (var i = 1; i <= 4; i++)
            {
                File.WriteAllText(file, $"v: {i}\n");
                actor.Tell(new ReloadRequested("settings", file, ReloadTrigger.FileChanged));
                ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");
            }

            await first.Terminate();
        }

        using var second = ActorSystem.Create("second", config);
        var probe = CreateTestProbe(second);
        var recovered = second.ActorOf(ReloadActor.Props("settings", file, settings));
        recovered.Tell(new GetHistory("settings"), probe.Ref);

        var history = probe.ExpectMsg<TopicHistory>(Timeout);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], history.Versions.Select(v => v.Version));
        await second.Terminate();
    }

    [Fact]
    public void Rollback_PreviousVersionAndInitial_CreateNewPinnedVersions()
    {
        var (actor, file, events) = StartWithVersions("v: 1\n", "v: 2\n", "v: 3\n");

        actor.Tell(Rollback.ToPrevious("settings", "alice"));
        var outcome = ExpectMsg<ReloadOutcome>(Timeout);
        Assert.Equal(OutcomeKind.Applied, outcome.Kind);
        Assert.Equal(4, outcome.Version);
        var rolledBack = ExpectEvent(events, ReloadEventType.RollbackSuccess, "settings");
        Assert.Equal("rollback(to 2)", rolledBack.Metadata[ReloadEventMetadata.Origin]);

        actor.Tell(new GetCurrentConfig("settings"));
        var current = ExpectMsg<CurrentConfig>(Timeout);
        Assert.Equal("v: 2\n", TopicQueries.Content(actor));
        Assert.True(current.Pinned);
        Assert.True(current.FileDiffers);

        actor.Tell(Rollback.ToInitial("settings", "alice"));
        Assert.Equal(5, ExpectMsg<ReloadOutcome>(Timeout).Version);
        Assert.Equal("v: 1\n", TopicQueries.Content(actor));
        Assert.True(File.Exists(file));
    }

    [Fact]
    public void Rollback_ToVersionN_RestoresThatContent()
    {
        var (actor, _, _) = StartWithVersions("v: 1\n", "v: 2\n", "v: 3\n");

        actor.Tell(Rollback.To("settings", 2, "bob"));

        Assert.Equal(OutcomeKind.Applied, ExpectMsg<ReloadOutcome>(Timeout).Kind);
        var current = TopicQueries.CurrentVersion(actor)!;
        Assert.Equal("v: 2\n", current.Content);
        Assert.Equal(OriginKind.Rollback, current.Origin.Kind);
        Assert.Equal("bob", current.Origin.By);
        Assert.Equal(2, current.Origin.RollbackTo);
    }

    [Fact]
    public void Rollback_ToMissingVersion_IsRefusedAndNothingRecorded()
    {
        var (actor, _, _) = StartWithVersions("v: 1\n", "v: 2\n");

        actor.Tell(Rollback.To("settings", 99, "bob"));

        var outcome = ExpectMsg<ReloadOutcome>(Timeout);
        Assert.Equal(OutcomeKind.Refused, outcome.Kind);
        Assert.Contains("version 99 does not exist", outcome.Errors[0].Message, StringComparison.Ordinal);
        actor.Tell(new GetHistory("settings"));
        Assert.Equal(2, ExpectMsg<TopicHistory>(Timeout).Entries.Length);
    }

    [Fact]
    public void Pinned_FileUntouched_IsNotReappliedUntilItChanges()
    {
        var (actor, file, events) = StartWithVersions("v: 1\n", "v: 2\n");
        actor.Tell(Rollback.ToPrevious("settings", "alice"));
        Assert.Equal(3, ExpectMsg<ReloadOutcome>(Timeout).Version);

        // The file still holds v2: a touch or a restart check must not undo the rollback.
        actor.Tell(new ReloadRequested("settings", file, ReloadTrigger.FileChanged));
        actor.Tell(new GetCurrentConfig("settings"));
        var pinned = ExpectMsg<CurrentConfig>(Timeout);
        Assert.Equal(3, pinned.Current!.Version);
        Assert.True(pinned.Pinned);

        File.WriteAllText(file, "v: 4\n");
        actor.Tell(new ReloadRequested("settings", file, ReloadTrigger.FileChanged));

        Assert.Equal(4, ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings").Version);
        actor.Tell(new GetCurrentConfig("settings"));
        Assert.False(ExpectMsg<CurrentConfig>(Timeout).Pinned);
    }

    [Fact]
    public void ManualReload_WhilePinned_AppliesTheFile()
    {
        var (actor, _, _) = StartWithVersions("v: 1\n", "v: 2\n");
        actor.Tell(Rollback.ToPrevious("settings", "alice"));
        ExpectMsg<ReloadOutcome>(Timeout);

        actor.Tell(new ManualReload("settings", "alice"));

        var outcome = ExpectMsg<ReloadOutcome>(Timeout);
        Assert.Equal(OutcomeKind.Applied, outcome.Kind);
        Assert.Equal(4, outcome.Version);
        var current = TopicQueries.CurrentVersion(actor)!;
        Assert.Equal(OriginKind.Admin, current.Origin.Kind);
        Assert.Equal("v: 2\n", current.Content);
    }

    [Fact]
    public void ManualReload_Unchanged_RepliesUnchanged()
    {
        var (actor, _, _) = StartWithVersions("v: 1\n");

        actor.Tell(new ManualReload("settings", "alice"));

        var outcome = ExpectMsg<ReloadOutcome>(Timeout);
        Assert.Equal(OutcomeKind.Unchanged, outcome.Kind);
        Assert.Equal(1, outcome.Version);
    }

    [Fact]
    public void ThrowingApplyHook_RollsBackToPreviousVersion()
    {
        var file = Temp.Write("settings.yaml", "ok: true\n");
        var events = EventProbe();
        var hook = ConfigApplyHook.From(config =>
        {
            if (config.Document.Find("ok") is Core.Documents.ConfigScalar { Text: "false" })
            {
                throw new InvalidOperationException("the app refused ok=false");
            }
        });
        var actor = Sys.ActorOf(ReloadActor.Props("settings", file, new ReloadSettings { ApplyHooks = [hook] }));
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");

        File.WriteAllText(file, "ok: false\n");
        actor.Tell(new ReloadRequested("settings", file, ReloadTrigger.FileChanged));

        var failed = ExpectEvent(events, ReloadEventType.ReloadFailed, "settings");
        Assert.Equal(2, failed.Version);
        Assert.Contains("the app refused ok=false", failed.Error, StringComparison.Ordinal);
        var rollback = ExpectEvent(events, ReloadEventType.RollbackSuccess, "settings");
        Assert.Equal(3, rollback.Version);
        Assert.Contains("the app refused", rollback.Metadata[ReloadEventMetadata.Reason], StringComparison.Ordinal);
        Assert.Equal("ok: true\n", TopicQueries.Content(actor));
        Assert.True(TopicQueries.CurrentVersion(actor)!.Pinned);
    }

    [Fact]
    public void RepeatedIdenticalRejection_IsReportedOnceByTheWatcherAndRecordedOnce()
    {
        var file = Temp.Write("settings.yaml", "v: 1\n");
        var events = EventProbe();
        var actor = Sys.ActorOf(ReloadActor.Props("settings", file, new ReloadSettings { MaxReloadAttempts = 1 }));
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");
        File.WriteAllText(file, "v: [broken\n");

        actor.Tell(new ReloadRequested("settings", file, ReloadTrigger.FileChanged));
        ExpectEvent(events, ReloadEventType.ReloadFailed, "settings");
        actor.Tell(new ReloadRequested("settings", file, ReloadTrigger.FileChanged));
        events.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        actor.Tell(new ManualReload("settings", "alice"));
        Assert.Equal(OutcomeKind.Rejected, ExpectMsg<ReloadOutcome>().Kind);
        ExpectEvent(events, ReloadEventType.ReloadFailed, "settings");

        actor.Tell(new GetHistory("settings"));
        var history = ExpectMsg<TopicHistory>(Timeout);
        Assert.Single(history.Entries, e => !e.IsApplied);
    }

    [Fact]
    public void Statistics_CountSuccessAndFailure()
    {
        var (actor, file, events) = StartWithVersions("v: 1\n", "v: 2\n");
        File.WriteAllText(file, "v: [broken\n");
        actor.Tell(new ReloadRequested("settings", file, ReloadTrigger.FileChanged));
        ExpectEvent(events, ReloadEventType.ReloadFailed, "settings");

        actor.Tell(new GetTopicStatistics("settings"));

        var statistics = ExpectMsg<TopicStatistics>(Timeout).Statistics;
        Assert.Equal(2, statistics.SuccessfulReloads);
        Assert.Equal(1, statistics.FailedReloads);
        Assert.Equal(3, statistics.TotalReloads);
        Assert.True(statistics.AverageReloadTime > TimeSpan.Zero);
    }

    [Fact]
    public void SecretReference_IsPersistedAsWritten_NeverResolved()
    {
        Environment.SetEnvironmentVariable("HRC_TEST_SECRET_PASSWORD", "hunter2");
        var file = Temp.Write("settings.yaml", "db:\n  password: ${HRC_TEST_SECRET_PASSWORD}\n");
        var events = EventProbe();
        var actor = Sys.ActorOf(ReloadActor.Props("settings", file, new ReloadSettings { Variables = Core.Substitution.EnvironmentVariableSource.Instance }));
        var success = ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");
        Assert.Equal("hunter2", ((Core.Documents.ConfigScalar)success.NewConfig!.Find("db:password")!).Text);

        actor.Tell(new GetHistory("settings"));

        Assert.Single(ExpectMsg<TopicHistory>(Timeout).Versions);
        Assert.Contains("${HRC_TEST_SECRET_PASSWORD}", TopicQueries.Content(actor), StringComparison.Ordinal);
        AssertNotStored("hunter2");
    }

    [Fact]
    public void SecretQuotedByAValidator_IsMaskedInEventsHistoryAndJournal()
    {
        Environment.SetEnvironmentVariable("HRC_TEST_NUMERIC_PASSWORD", "31415926535");
        Temp.Write("settings.schema.json", """{"type":"object","properties":{"db":{"type":"object","properties":{"password":{"type":"string"}}}}}""");
        var file = Temp.Write("settings.yaml", "db:\n  password: plain-text\n");
        var events = EventProbe();
        var actor = Sys.ActorOf(ReloadActor.Props("settings", file, new ReloadSettings { Variables = Core.Substitution.EnvironmentVariableSource.Instance }));
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");
        File.WriteAllText(file, "db:\n  password: ${HRC_TEST_NUMERIC_PASSWORD}\n");

        actor.Tell(new ReloadRequested("settings", file, ReloadTrigger.FileChanged));

        var failed = ExpectEvent(events, ReloadEventType.ValidationFailed, "settings");
        Assert.Contains("db:password", failed.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("31415926535", failed.Error, StringComparison.Ordinal);
        actor.Tell(new GetHistory("settings"));
        var rejected = ExpectMsg<TopicHistory>().Entries.Single(e => !e.IsApplied);
        Assert.DoesNotContain("31415926535", string.Join(";", rejected.Errors), StringComparison.Ordinal);
        AssertNotStored("31415926535");
    }

    [Fact]
    public void PinnedTopic_FileChangedAndChangedBack_IsReleased()
    {
        var (actor, file, events) = StartWithVersions("v: 1\n", "v: 2\n");
        actor.Tell(Rollback.ToPrevious("settings", "alice"));
        Assert.Equal(3, ExpectMsg<ReloadOutcome>().Version);
        File.WriteAllText(file, "v: [broken\n");
        actor.Tell(new ReloadRequested("settings", file, ReloadTrigger.FileChanged));
        ExpectEvent(events, ReloadEventType.ReloadFailed, "settings");

        File.WriteAllText(file, "v: 2\n");
        actor.Tell(new ReloadRequested("settings", file, ReloadTrigger.FileChanged));

        Assert.Equal(4, ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings").Version);
        actor.Tell(new GetCurrentConfig("settings"));
        var current = ExpectMsg<CurrentConfig>();
        Assert.False(current.Pinned);
        Assert.Equal("v: 2\n", TopicQueries.Content(actor));
    }

    [Fact]
    public async Task Restart_WithAPendingRejection_ReportsItAgain()
    {
        var file = Temp.Write("settings.yaml", "v: [broken\n");
        var config = BuildConfig(Temp, sqlite: true, persistence: Postgres?.Persistence);
        var settings = new ReloadSettings { MaxReloadAttempts = 1 };
        using (var first = ActorSystem.Create("first", config))
        {
            var events = EventProbe(first);
            first.ActorOf(ReloadActor.Props("settings", file, settings));
            ExpectEvent(events, ReloadEventType.ReloadFailed, "settings");
            await first.Terminate();
        }

        using var second = ActorSystem.Create("second", config);
        var secondEvents = EventProbe(second);
        var actor = second.ActorOf(ReloadActor.Props("settings", file, settings));

        ExpectEvent(secondEvents, ReloadEventType.ReloadFailed, "settings");
        var probe = CreateTestProbe(second);
        actor.Tell(new GetHistory("settings"), probe.Ref);
        Assert.Single(probe.ExpectMsg<TopicHistory>().Entries);
        await second.Terminate();
    }

    /// <summary>Asserts that no journal or snapshot bytes contain <paramref name="secret"/>.</summary>
    protected abstract void AssertNotStored(string secret);

    private (IActorRef Actor, string File, Akka.TestKit.TestProbe Events) StartWithVersions(params string[] contents)
    {
        var file = Temp.Write("settings.yaml", contents[0]);
        var events = EventProbe();
        var actor = Sys.ActorOf(ReloadActor.Props("settings", file, new ReloadSettings()));
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");
        foreach (var content in contents.Skip(1))
        {
            File.WriteAllText(file, content);
            actor.Tell(new ReloadRequested("settings", file, ReloadTrigger.FileChanged));
            ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");
        }

        return (actor, file, events);
    }
}
