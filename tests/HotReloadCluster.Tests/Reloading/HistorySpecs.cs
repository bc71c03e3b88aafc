using System.Globalization;
using System.Text;
using Akka.Actor;
using HotReloadCluster.Content;
using HotReloadCluster.Core.Events;
using HotReloadCluster.Core.Hashing;
using HotReloadCluster.Reloading;
using HotReloadCluster.Tests.Support;
using ReloadSupervisionProbe = HotReloadCluster.Reloading.ReloadSupervision;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace HotReloadCluster.Tests.Reloading;

/// <summary>
/// Bounded state: a ReloadActor keeps the current version and an index, reads older content back from the journal,
/// deletes what retention no longer keeps, and orders its history by journal sequence numbers. Run against a real
/// SQLite file (<see cref="HistorySqliteSpecs"/>) and a real PostgreSQL database (<see cref="HistoryPostgresSpecs"/>).
/// </summary>
public abstract class HistorySpecs(ITestOutputHelper output, PostgresDatabase? postgres) : HotReloadTestKit(output, postgres: postgres)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>How many journal rows (events) the topic has.</summary>
    protected abstract long JournalRows(string persistenceId);

    /// <summary>How many snapshot rows the topic has.</summary>
    protected abstract long SnapshotRows(string persistenceId);

    [Fact]
    public async Task Rollback_ToAVersionOlderThanTheLastSnapshot_RestoresItsContentFromTheJournal()
    {
        var file = Temp.Write("settings.yaml", "v: 1\n");
        var settings = new ReloadSettings { SnapshotEvery = 3 };
        var config = BuildConfig(Temp, sqlite: true, persistence: Postgres?.Persistence);
        using (var first = ActorSystem.Create("first", config))
        {
            var actor = first.ActorOf(ReloadActor.Props("settings", file, settings));
            await ApplyVersionsAsync(first, actor, file, 2, 10);
            await first.Terminate();
        }

        // A new system: nothing of the old versions is in memory, and the snapshot (at 9) holds no old content.
        using var second = ActorSystem.Create("second", config);
        var recovered = second.ActorOf(ReloadActor.Props("settings", file, settings));

        var outcome = await recovered.Ask<ReloadOutcome>(Rollback.To("settings", 2, "alice"), Timeout);

        Assert.Equal(OutcomeKind.Applied, outcome.Kind);
        Assert.Equal(11, outcome.Version);
        var current = TopicQueries.CurrentVersion(recovered)!;
        Assert.Equal("v: 2\n", current.Content);
        Assert.Equal("rollback(to 2)", current.Origin.ToString());
        Assert.True(current.Pinned);
        await second.Terminate();
    }

    [Fact]
    public async Task Retention_KeepsTheLastVersions_DeletesOlderEventsAndSnapshots_RefusesRollbackToThem()
    {
        var file = Temp.Write("settings.yaml", "v: 1\n");
        var settings = new ReloadSettings { Retention = new RetentionSettings { KeepVersions = 5 } };
        var actor = Sys.ActorOf(ReloadActor.Props("settings", file, settings));
        await ApplyVersionsAsync(Sys, actor, file, 2, 20);

        var current = await actor.Ask<CurrentConfig>(new GetCurrentConfig("settings"), Timeout);
        Assert.Equal(20, current.Current!.Version);
        Assert.InRange(current.OldestKeptVersion, 15, 16); // KeepVersions 5, trimmed in batches of KeepVersions / 10 (at least 1)
        var oldest = current.OldestKeptVersion;

        var refused = await actor.Ask<ReloadOutcome>(Rollback.To("settings", 3, "alice"), Timeout);
        Assert.Equal(OutcomeKind.Refused, refused.Kind);
        Assert.Contains($"version 3 is no longer kept (deleted by retention); the oldest version kept is {oldest}", refused.ToString(), StringComparison.Ordinal);
        var initial = await actor.Ask<ReloadOutcome>(Rollback.ToInitial("settings", "alice"), Timeout);
        Assert.Equal(OutcomeKind.Refused, initial.Kind);
        Assert.Contains("version 1 is no longer kept", initial.ToString(), StringComparison.Ordinal);
        var lookup = await actor.Ask<VersionLookup>(new GetVersion("settings", 3), Timeout);
        Assert.Null(lookup.Version);
        Assert.Contains($"the oldest version kept is {oldest}", lookup.Error, StringComparison.Ordinal);

        await AwaitAssertAsync(() =>
        {
            Assert.InRange(JournalRows("reload-settings"), 1, 20 - oldest + 2);
            Assert.Equal(1, SnapshotRows("reload-settings"));
        }, Timeout);

        // The oldest kept version can still be rolled back to, its content read from the journal.
        var rolledBack = await actor.Ask<ReloadOutcome>(Rollback.To("settings", oldest, "alice"), Timeout);
        Assert.Equal(OutcomeKind.Applied, rolledBack.Kind);
        Assert.Equal($"v: {oldest}\n", TopicQueries.Content(actor));
    }

    [Fact]
    public async Task Retention_AfterRestart_StillRefusesDeletedVersionsAndKeepsTheIndex()
    {
        var file = Temp.Write("settings.yaml", "v: 1\n");
        var settings = new ReloadSettings { Retention = new RetentionSettings { KeepVersions = 3 }, SnapshotEvery = 4 };
        var config = BuildConfig(Temp, sqlite: true, persistence: Postgres?.Persistence);
        long oldest;
        using (var first = ActorSystem.Create("first", config))
        {
            var actor = first.ActorOf(ReloadActor.Props("settings", file, settings));
            await ApplyVersionsAsync(first, actor, file, 2, 12);
            oldest = (await actor.Ask<CurrentConfig>(new GetCurrentConfig("settings"), Timeout)).OldestKeptVersion;
            await first.Terminate();
        }

        using var second = ActorSystem.Create("second", config);
        var recovered = second.ActorOf(ReloadActor.Props("settings", file, settings));
        var history = await recovered.Ask<TopicHistory>(new GetHistory("settings"), Timeout);

        // Contiguous up to the current version, never older than before the restart, at least KeepVersions long (a
        // snapshot still in flight when the first system stopped is made up for by trimming again at recovery).
        var kept = history.Versions.Select(v => v.Version!.Value).ToList();
        Assert.Equal(Enumerable.Range((int)kept[0], kept.Count).Select(v => (long)v), kept);
        Assert.Equal(12, kept[^1]);
        Assert.True(kept[0] >= oldest, $"oldest kept {kept[0]} < {oldest}");
        Assert.InRange(kept.Count, 3, 4);
        Assert.Equal(OutcomeKind.Refused, (await recovered.Ask<ReloadOutcome>(Rollback.To("settings", 1, "bob"), Timeout)).Kind);
        Assert.Equal("v: 12\n", TopicQueries.Content(recovered));
        await second.Terminate();
    }

    [Fact]
    public async Task FetchContent_LargeCurrentAndOlderVersion_ArriveInChunksWithTheirHash()
    {
        var v1 = LargeYaml(1, 1_100_000);
        var v2 = LargeYaml(2, 1_200_000);
        var file = Temp.Write("settings.yaml", v1);
        var actor = Sys.ActorOf(ReloadActor.Props("settings", file, new ReloadSettings()));
        await AwaitVersionAsync(actor, 1);
        File.WriteAllText(file, v2);
        actor.Tell(new ReloadRequested("settings", file, ReloadTrigger.FileChanged));
        await AwaitVersionAsync(actor, 2);

        var current = await ContentFetcher.FetchAsync(actor, "settings", ContentHash.Compute(Encoding.UTF8.GetBytes(v2)), Timeout);
        var older = await ContentFetcher.FetchAsync(actor, "settings", ContentHash.Compute(Encoding.UTF8.GetBytes(v1)), Timeout);

        Assert.Equal(v2, Encoding.UTF8.GetString(current));
        Assert.Equal(v1, Encoding.UTF8.GetString(older));
        var missing = await Assert.ThrowsAsync<ContentUnavailableException>(() => ContentFetcher.FetchAsync(actor, "settings", ContentHash.Compute("never applied"u8), Timeout));
        Assert.Contains("no kept version has this content", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_WhenTheClockGoesBackwards_StaysInJournalOrder()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T12:00:00Z", CultureInfo.InvariantCulture));
        var file = Temp.Write("settings.yaml", "v: 1\n");
        var actor = Sys.ActorOf(ReloadActor.Props("settings", file, new ReloadSettings { TimeProvider = clock, MaxReloadAttempts = 1 }));
        await AwaitVersionAsync(actor, 1);

        // A failover to a node whose clock is behind: every later event has an earlier timestamp.
        clock.AdjustTime(clock.GetUtcNow() - TimeSpan.FromHours(1));
        File.WriteAllText(file, "v: [broken\n");
        Assert.Equal(OutcomeKind.Rejected, (await actor.Ask<ReloadOutcome>(new ManualReload("settings", "alice"), Timeout)).Kind);
        clock.AdjustTime(clock.GetUtcNow() - TimeSpan.FromHours(1));
        File.WriteAllText(file, "v: 2\n");
        Assert.Equal(OutcomeKind.Applied, (await actor.Ask<ReloadOutcome>(new ManualReload("settings", "alice"), Timeout)).Kind);

        var history = await actor.Ask<TopicHistory>(new GetHistory("settings"), Timeout);
        Assert.Equal(["applied 1", "rejected", "applied 2"], history.Entries.Select(e => e.IsApplied ? "applied " + e.Version : "rejected"));
        Assert.True(history.Entries[2].At < history.Entries[0].At, "the timestamps really went backwards");
        var current = await actor.Ask<CurrentConfig>(new GetCurrentConfig("settings"), Timeout);
        Assert.Null(current.PendingRejection);
    }

    [Fact]
    public async Task History_ManyLongRejections_ArePagedSoEveryPageFitsARemotingFrame()
    {
        var schema = """{"type":"object","properties":{"items":{"type":"array","items":{"type":"string","maxLength":1}}}}""";
        Temp.Write("settings.schema.json", schema);
        var file = Temp.Write("settings.yaml", "items: []\n");
        var actor = Sys.ActorOf(ReloadActor.Props("settings", file, new ReloadSettings()));
        await AwaitVersionAsync(actor, 1);
        for (var i = 0; i < 12; i++)
        {
            // 50 long items: each attempt is rejected with many long errors (bounded to 20 errors of at most 1,000 characters).
            File.WriteAllText(file, "items:\n" + string.Concat(Enumerable.Range(0, 50).Select(n => $"  - \"{i}-{n}-{new string('x', 3000)}\"\n")));
            Assert.Equal(OutcomeKind.Rejected, (await actor.Ask<ReloadOutcome>(new ManualReload("settings", "alice"), Timeout)).Kind);
        }

        var serializer = Sys.Serialization.FindSerializerForType(typeof(TopicHistory));
        var entries = 0;
        TopicHistory page;
        do
        {
            page = await actor.Ask<TopicHistory>(new GetHistory("settings", entries), Timeout);
            Assert.InRange(serializer.ToBinary(page).Length, 1, 100_000);
            Assert.All(page.Entries.Where(e => !e.IsApplied), e => Assert.InRange(e.Errors.Length, 1, ReloadPipeline.MaxErrors + 1));
            entries += page.Entries.Length;
        }
        while (page.HasMore);

        Assert.Equal(13, entries);
    }

    [Fact]
    public async Task Restart_WithAThousandVersions_RecoversTheLastVersionAndTheWholeIndex()
    {
        var file = Temp.Write("settings.yaml", "v: 1\n");
        var config = BuildConfig(Temp, sqlite: true, persistence: Postgres?.Persistence);
        using (var first = ActorSystem.Create("first", config))
        {
            var actor = first.ActorOf(ReloadActor.Props("settings", file, new ReloadSettings()));
            await ApplyVersionsAsync(first, actor, file, 2, 1000);
            await first.Terminate();
        }

        using var second = ActorSystem.Create("second", config);
        var recovered = second.ActorOf(ReloadActor.Props("settings", file, new ReloadSettings()));

        var current = await recovered.Ask<CurrentConfig>(new GetCurrentConfig("settings"), Timeout);
        Assert.Equal(1000, current.Current!.Version);
        Assert.Equal(1, current.OldestKeptVersion);
        Assert.False(current.FileDiffers);
        Assert.Equal(1000, (await recovered.Ask<TopicHistory>(new GetHistory("settings"), Timeout)).Total);
        Assert.Equal("v: 500\n", Encoding.UTF8.GetString(await ContentFetcher.FetchAsync(recovered, "settings", ContentHash.Compute("v: 500\n"u8), Timeout)));
        Assert.InRange(SnapshotRows("reload-settings"), 1, 2); // the older one is deleted right after the newest is saved
        await second.Terminate();
    }

    [Fact]
    public async Task OldFormatSnapshot_WithEveryVersionsContent_IsMigratedAndEveryVersionStaysReadable()
    {
        var file = Temp.Write("settings.yaml", "v: 3\n");
        var events = Enumerable.Range(1, 3).Select(v => new ConfigApplied("settings", v, $"v: {v}\n", Core.Documents.ConfigFormat.Yaml, ContentHash.Compute(Encoding.UTF8.GetBytes($"v: {v}\n")), v == 1 ? ConfigOrigin.Initial(file) : ConfigOrigin.File(file), DateTimeOffset.UtcNow)).ToList();
        var writer = Sys.ActorOf(Props.Create(() => new LegacyWriter(events)));
        await writer.Ask<string>("done", Timeout);
        await writer.GracefulStop(Timeout);

        var actor = Sys.ActorOf(ReloadSupervisionProbe.Props(Sys, "settings", ReloadActor.Props("settings", file, new ReloadSettings())));

        // Messages sent while the actor restarts after the migration are lost (the supervisor has no child then): ask again.
        await AwaitAssertAsync(async () => Assert.Equal(3, (await actor.Ask<CurrentConfig>(new GetCurrentConfig("settings"), TimeSpan.FromSeconds(1))).Current?.Version), Timeout);
        var history = await actor.Ask<TopicHistory>(new GetHistory("settings"), Timeout);
        Assert.Equal([1L, 2L, 3L], history.Versions.Select(v => v.SequenceNr));
        Assert.Equal("v: 1\n", Encoding.UTF8.GetString(await ContentFetcher.FetchAsync(actor, "settings", events[0].Hash, Timeout)));
    }

    /// <summary>Writes a journal as the first format did: events, then a snapshot with every version's content.</summary>
    private sealed class LegacyWriter : Akka.Persistence.ReceivePersistentActor
    {
        public LegacyWriter(List<ConfigApplied> events)
        {
            Command<string>(_ =>
            {
                var replyTo = Sender;
                PersistAll(events, _ => { });
                DeferAsync("snapshot", _ => SaveSnapshot(new ReloadSnapshot("settings", [.. events], [])));
                Become(() => Command<Akka.Persistence.SaveSnapshotSuccess>(_ => replyTo.Tell("done")));
            });
        }

        public override string PersistenceId => "reload-settings";
    }

    /// <summary>Writes versions <paramref name="from"/>..<paramref name="to"/> (<c>v: n</c>) and waits for each one.</summary>
    private static async Task ApplyVersionsAsync(ActorSystem system, IActorRef actor, string file, int from, int to)
    {
        _ = system;
        await AwaitVersionAsync(actor, from - 1);
        for (var v = from; v <= to; v++)
        {
            await File.WriteAllTextAsync(file, $"v: {v}\n");
            var outcome = await actor.Ask<ReloadOutcome>(new ManualReload("settings", "test"), Timeout);
            Assert.Equal(v, outcome.Version);
        }
    }

    private static async Task AwaitVersionAsync(IActorRef actor, long version)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while ((await actor.Ask<CurrentConfig>(new GetCurrentConfig("settings"), Timeout)).Current?.Version != version)
        {
            Assert.True(DateTime.UtcNow < deadline, $"version {version} was not applied in time");
            await Task.Delay(20);
        }
    }

    private static string LargeYaml(int seed, int bytes)
    {
        var builder = new StringBuilder();
        for (var i = 0; builder.Length < bytes; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"key{i}: \"value {seed} {i} é ü 漢字\"\n");
        }

        return builder.ToString();
    }
}

/// <summary>The history spec on an SQLite file (the default journal).</summary>
public sealed class HistorySqliteSpecs(ITestOutputHelper output) : HistorySpecs(output, null)
{
    protected override long JournalRows(string persistenceId) => Sqlite.Count(DatabasePath, "journal", persistenceId);

    protected override long SnapshotRows(string persistenceId) => Sqlite.Count(DatabasePath, "snapshot", persistenceId);
}

/// <summary>The history spec on PostgreSQL.</summary>
public sealed class HistoryPostgresSpecs(ITestOutputHelper output) : HistorySpecs(output, PostgresDatabase.Create())
{
    protected override long JournalRows(string persistenceId) => Postgres!.Scalar<long>($"SELECT count(*) FROM journal WHERE persistence_id = '{persistenceId}'");

    protected override long SnapshotRows(string persistenceId) => Postgres!.Scalar<long>($"SELECT count(*) FROM snapshot WHERE persistence_id = '{persistenceId}'");
}
