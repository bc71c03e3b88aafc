using System.Text;
using Akka.Actor;
using HotReloadCluster.Content;
using HotReloadCluster.Core.Events;
using HotReloadCluster.Core.Hashing;
using HotReloadCluster.Registry;
using HotReloadCluster.Reloading;
using HotReloadCluster.Tests.Support;
using Xunit.Abstractions;

namespace HotReloadCluster.Tests.Reloading;

/// <summary>Findings of a hostile review of the delivery core, each kept as a test.</summary>
public sealed class ReviewRegressionSpecs(ITestOutputHelper output) : HotReloadTestKit(output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task FileWithAByteOrderMark_IsServedWithTheVersionsHash()
    {
        var file = Temp.File("settings.yaml");
        await File.WriteAllBytesAsync(file, [0xEF, 0xBB, 0xBF, .. "v: 1\n"u8]);
        var events = EventProbe();
        var actor = Sys.ActorOf(ReloadActor.Props("settings", file, new ReloadSettings()));
        var applied = ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");

        var bytes = await ContentFetcher.FetchAsync(actor, "settings", applied.Metadata[ReloadEventMetadata.Hash], Timeout);

        Assert.Equal(await File.ReadAllBytesAsync(file), bytes);
        actor.Tell(new ReloadRequested("settings", file, ReloadTrigger.FileChanged));
        Assert.Equal(OutcomeKind.Unchanged, (await actor.Ask<ReloadOutcome>(new ManualReload("settings", "alice"), Timeout)).Kind);
    }

    [Fact]
    public async Task AutomaticRollback_WhenAFixIsAppliedWhileTheOldContentIsRead_DoesNotThrowTheFixAway()
    {
        var file = Temp.Write("settings.yaml", "v: 1\n");
        var events = EventProbe();
        var actor = Sys.ActorOf(ReloadActor.Props("settings", file, new ReloadSettings()));
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");
        File.WriteAllText(file, "v: 2\n");
        actor.Tell(new ReloadRequested("settings", file, ReloadTrigger.FileChanged));
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");

        // A subscriber refuses version 2 while the file is already fixed: the rollback reads version 1 from the journal,
        // and the fix is applied meanwhile.
        File.WriteAllText(file, "v: 3\n");
        actor.Tell(new ApplyFailed("settings", 2, "node-x", "refused"));
        actor.Tell(new ReloadRequested("settings", file, ReloadTrigger.FileChanged));

        Assert.Equal(3, ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings").Version);
        events.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        var current = TopicQueries.CurrentVersion(actor)!;
        Assert.Equal(3, current.Version);
        Assert.Equal("v: 3\n", current.Content);
        Assert.False(current.Pinned);
    }

    [Fact]
    public async Task ApplyHook_ThrowingAHugeMessage_GivesABoundedOutcome()
    {
        var file = Temp.Write("settings.yaml", "v: 1\n");
        var hook = new Hook();
        var actor = Sys.ActorOf(ReloadActor.Props("settings", file, new ReloadSettings { ApplyHooks = [hook] }));
        await AwaitAssertAsync(() => Assert.NotNull(TopicQueries.CurrentVersion(actor)), Timeout);
        hook.Throw = true;
        File.WriteAllText(file, "v: 2\n");

        var outcome = await actor.Ask<ReloadOutcome>(new ManualReload("settings", "alice"), Timeout);

        Assert.InRange(string.Join("; ", outcome.Errors).Length, 10, 3 * ReloadPipeline.MaxErrorLength);
        Assert.InRange(Sys.Serialization.FindSerializerFor(outcome).ToBinary(outcome).Length, 1, 10_000);
    }

    [Fact]
    public async Task OldFormatSnapshot_FollowedByMoreEvents_MigratesInsteadOfFailingForever()
    {
        var file = Temp.Write("settings.yaml", "v: 4\n");
        var events = Enumerable.Range(1, 4).Select(v => new ConfigApplied("settings", v, $"v: {v}\n", Core.Documents.ConfigFormat.Yaml, ContentHash.Compute(Encoding.UTF8.GetBytes($"v: {v}\n")), ConfigOrigin.File(file), DateTimeOffset.UtcNow)).ToList();
        var writer = Sys.ActorOf(Props.Create(() => new LegacyWriter(events)));
        await writer.Ask<string>("done", Timeout);
        await writer.GracefulStop(Timeout);

        var actor = Sys.ActorOf(ReloadSupervision.Props(Sys, "settings", ReloadActor.Props("settings", file, new ReloadSettings())));

        await AwaitAssertAsync(async () => Assert.Equal(4, (await actor.Ask<CurrentConfig>(new GetCurrentConfig("settings"), TimeSpan.FromSeconds(1))).Current?.Version), Timeout);
        Assert.Equal(4, (await actor.Ask<TopicHistory>(new GetHistory("settings"), Timeout)).Total);
    }

    /// <summary>The first format: events 1–3, a snapshot with every content, then event 4 after it.</summary>
    private sealed class LegacyWriter : Akka.Persistence.ReceivePersistentActor
    {
        public LegacyWriter(List<ConfigApplied> events)
        {
            Command<string>(_ =>
            {
                var replyTo = Sender;
                PersistAll(events.Take(3), _ => { });
                DeferAsync("snapshot", _ => SaveSnapshot(new ReloadSnapshot("settings", [.. events.Take(3)], [])));
                Become(() => Command<Akka.Persistence.SaveSnapshotSuccess>(_ => Persist(events[3], _ => replyTo.Tell("done"))));
            });
        }

        public override string PersistenceId => "reload-settings";
    }

    private sealed class Hook : IConfigApplyHook
    {
        public volatile bool Throw;

        public ValueTask ApplyAsync(AppliedConfig config, CancellationToken cancellationToken) =>
            Throw ? throw new InvalidOperationException(new string('x', 200_000)) : ValueTask.CompletedTask;
    }
}
