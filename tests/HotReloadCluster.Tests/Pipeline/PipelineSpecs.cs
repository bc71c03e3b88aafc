using System.Collections.Immutable;
using Akka.Actor;
using HotReloadCluster.Core.Debouncing;
using HotReloadCluster.Core.Events;
using HotReloadCluster.Core.Parsing;
using HotReloadCluster.Reloading;
using HotReloadCluster.Tests.Support;
using HotReloadCluster.Watching;
using Xunit.Abstractions;

namespace HotReloadCluster.Tests.Pipeline;

/// <summary>The whole one-node pipeline (watcher → debouncer → ReloadActor → SQLite) on real temp folders.</summary>
public sealed class PipelineSpecs(ITestOutputHelper output) : HotReloadTestKit(output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void Start_ExistingFile_AppliesVersionOneAsInitial()
    {
        Temp.Write("settings.yaml", "a: 1\n");
        var events = EventProbe();

        var topics = StartPipeline();

        var success = ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");
        Assert.Equal(1, success.Version);
        Assert.Equal("initial", success.Metadata[ReloadEventMetadata.Origin]);
        var current = Current(topics, "settings");
        Assert.Equal("a: 1\n", current.Current!.Content);
    }

    [Fact]
    public void Save_ProducingSeveralRawEvents_GivesOneVersion()
    {
        var file = Temp.Write("settings.yaml", "a: 1\n");
        var events = EventProbe();
        var topics = StartPipeline();
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");

        File.WriteAllText(file, "a: 2\nb: 3\n"); // one save: open, truncate, write, close → 1–2 raw events

        var success = ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");
        Assert.Equal(2, success.Version);
        events.ExpectNoMsg(TimeSpan.FromMilliseconds(400));
        var history = History(topics, "settings");
        Assert.Equal([1L, 2L], history.Versions.Select(v => v.Version));
        Assert.Equal("a: 2\nb: 3\n", Current(topics, "settings").Current!.Content);
    }

    [Fact]
    public void RenameSave_TempFileMovedOverTopic_AppliesNewContent()
    {
        var file = Temp.Write("settings.yaml", "a: 1\n");
        var events = EventProbe();
        var topics = StartPipeline();
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");

        var tmp = Temp.Write("settings.yaml.tmp", "a: 2\n");
        File.Move(tmp, file, overwrite: true);

        var success = ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");
        Assert.Equal(2, success.Version);
        Assert.Equal("a: 2\n", Current(topics, "settings").Current!.Content);
    }

    [Fact]
    public async Task ConfigMapSwap_DataSymlinkReplaced_AppliesNewContent()
    {
        Temp.Write("..2026_11_27_00_00_01.1/settings.yaml", "mode: old\n");
        File.CreateSymbolicLink(Temp.File("..data"), "..2026_11_27_00_00_01.1");
        File.CreateSymbolicLink(Temp.File("settings.yaml"), "..data/settings.yaml");
        var events = EventProbe();
        var topics = StartPipeline();
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");

        // What the kubelet does: a new timestamped folder, a new ..data_tmp link, renamed over ..data.
        Temp.Write("..2026_11_27_00_05_00.2/settings.yaml", "mode: new\n");
        File.CreateSymbolicLink(Temp.File("..data_tmp"), "..2026_11_27_00_05_00.2");
        NativeFs.Rename(Temp.File("..data_tmp"), Temp.File("..data"));
        Directory.Delete(Temp.File("..2026_11_27_00_00_01.1"), recursive: true);

        var success = ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");
        Assert.Equal(2, success.Version);
        Assert.Equal("mode: new\n", Current(topics, "settings").Current!.Content);
        var topicList = (await topics.Ask<TopicList>(GetTopics.Instance, Timeout));
        Assert.Equal(["settings"], topicList.Topics.Keys);
    }

    [Fact]
    public void Delete_ThenRecreate_KeepsLastGoodThenAppliesNew()
    {
        var file = Temp.Write("settings.yaml", "a: 1\n");
        var events = EventProbe();
        var topics = StartPipeline();
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");

        File.Delete(file);

        var failed = ExpectEvent(events, ReloadEventType.ReloadFailed, "settings");
        Assert.Contains("file not found", failed.Error, StringComparison.Ordinal);
        Assert.Equal(1, Current(topics, "settings").Current!.Version);

        File.WriteAllText(file, "a: 2\n");

        var success = ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");
        Assert.Equal(2, success.Version);
        var history = History(topics, "settings");
        Assert.Contains(history.Entries, e => e.Rejection == RejectionKind.Missing);
    }

    [Fact]
    public void InvalidYaml_ThenFix_RejectsWithLocationThenApplies()
    {
        var file = Temp.Write("settings.yaml", "a: 1\n");
        var events = EventProbe();
        var topics = StartPipeline();
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");

        File.WriteAllText(file, "a: [1, 2\nb: 3\n");

        var failed = ExpectEvent(events, ReloadEventType.ReloadFailed, "settings");
        Assert.Contains("settings.yaml", failed.Error, StringComparison.Ordinal);
        Assert.Equal("3", failed.Metadata[ReloadEventMetadata.Attempts]);
        Assert.Equal("a: 1\n", Current(topics, "settings").Current!.Content);

        File.WriteAllText(file, "a: [1, 2]\nb: 3\n");

        Assert.Equal(2, ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings").Version);
    }

    [Fact]
    public async Task SchemaViolation_BesideFile_ValidationFailedAndLastGoodKept()
    {
        Temp.Write("limits.schema.json", """{"type":"object","properties":{"max":{"type":"integer","minimum":1}},"required":["max"]}""");
        var file = Temp.Write("limits.yaml", "max: 10\n");
        var events = EventProbe();
        var topics = StartPipeline();
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "limits");

        File.WriteAllText(file, "max: 0\n");

        var failed = ExpectEvent(events, ReloadEventType.ValidationFailed, "limits");
        Assert.Contains("max", failed.Error, StringComparison.Ordinal);
        Assert.Equal("max: 10\n", Current(topics, "limits").Current!.Content);
        var topicList = (await topics.Ask<TopicList>(GetTopics.Instance, Timeout));
        Assert.DoesNotContain("limits.schema", topicList.Topics.Keys);
    }

    [Fact]
    public void TruncatedWrite_ThenCompleteWrite_AppliesOnlyTheCompleteContent()
    {
        var file = Temp.Write("features.json", """{"flags": {"a": true}}""");
        var events = EventProbe();
        // A wider debounce than the node's, so that a slow CI box cannot split the two writes.
        var topics = StartPipeline(debounceMs: 200);
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "features");

        File.WriteAllText(file, """{"flags": {"a": fal""");
        File.WriteAllText(file, """{"flags": {"a": false, "b": true}}""");

        var success = ExpectEvent(events, ReloadEventType.ReloadSuccess, "features");
        Assert.Equal(2, success.Version);
        events.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        var history = History(topics, "features");
        Assert.DoesNotContain(history.Entries, e => !e.IsApplied);
        Assert.Equal("""{"flags": {"a": false, "b": true}}""", Current(topics, "features").Current!.Content);
    }

    [Fact]
    public void OversizedFile_IsRefusedNamingTheLimit()
    {
        var file = Temp.Write("settings.yaml", "a: 1\n");
        var events = EventProbe();
        var topics = StartPipeline(new ReloadSettings { Limits = ParseLimits.Default with { MaxFileBytes = 1024 } });
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");

        File.WriteAllText(file, "a: \"" + new string('x', 4096) + "\"\n");

        var failed = ExpectEvent(events, ReloadEventType.ReloadFailed, "settings");
        Assert.Contains("MaxFileBytes", failed.Error, StringComparison.Ordinal);
        Assert.Equal(1, Current(topics, "settings").Current!.Version);
    }

    [Fact]
    public void UnreadableFile_DirectoryInItsPlace_ReloadFailedAndLastGoodKept()
    {
        // A directory where the file was is refused before it is opened.
        var file = Temp.Write("settings.yaml", "a: 1\n");
        var events = EventProbe();
        var topics = StartPipeline(new ReloadSettings { RetryDelay = TimeSpan.FromMilliseconds(5) });
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");

        File.Delete(file);
        Directory.CreateDirectory(file);
        topics.Tell(new ReloadRequested("settings", file, ReloadTrigger.FileChanged));

        var failed = events.FishForMessage<ReloadEvent>(e => e.Type == ReloadEventType.ReloadFailed && e.Error!.Contains("is not a regular file (a directory)", StringComparison.Ordinal), Timeout);
        Assert.Equal(1, failed.Version);
        Assert.Equal("a: 1\n", Current(topics, "settings").Current!.Content);
    }

    [Fact]
    public async Task NewFileInSubfolder_BecomesTopicWithRelativeName()
    {
        Temp.Write("settings.yaml", "a: 1\n");
        var events = EventProbe();
        var topics = StartPipeline();
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");

        Temp.Write("services/payments.yml", "retries: 3\n");
        Temp.Write(".hidden.yaml", "x: 1\n");

        var success = ExpectEvent(events, ReloadEventType.ReloadSuccess, "services/payments");
        Assert.Equal(1, success.Version);
        var topicList = (await topics.Ask<TopicList>(GetTopics.Instance, Timeout));
        Assert.Equal(["services/payments", "settings"], topicList.Topics.Keys);
    }

    [Fact]
    public void Polling_ChangeWithoutNotifications_IsApplied()
    {
        var file = Temp.Write("settings.yaml", "a: 1\n");
        var events = EventProbe();
        StartPipeline(polling: true);
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");

        File.WriteAllText(file, "a: 2\n");

        Assert.Equal(2, ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings").Version);
    }

    [Fact]
    public async Task OneWatcherPerRoot_ManyFiles_UsesOneInotifyInstance()
    {
        for (var i = 0; i < 50; i++)
        {
            Temp.Write($"group{i % 5}/file{i}.yaml", $"n: {i}\n");
        }

        var before = InotifyInstances();
        var events = EventProbe();
        var topics = StartPipeline();
        await AwaitAssertAsync(async () => Assert.Equal(50, (await topics.Ask<TopicList>(GetTopics.Instance, Timeout)).Topics.Count), Timeout);

        Assert.Equal(1, InotifyInstances() - before);
        events.FishForMessage<ReloadEvent>(e => e.Type == ReloadEventType.ReloadSuccess, Timeout);
    }

    private static int InotifyInstances() =>
        new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos()
            .Count(fd => fd.LinkTarget?.Contains("inotify", StringComparison.Ordinal) == true);

    [Fact]
    public void RootDeletedAndRecreated_IsWatchedAgain()
    {
        var root = Temp.File("cfg");
        var file = Temp.Write("cfg/settings.yaml", "a: 1\n");
        var events = EventProbe();
        StartPipeline(root: root);
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");

        Directory.Delete(root, recursive: true);
        ExpectEvent(events, ReloadEventType.ReloadFailed, "settings");
        Directory.CreateDirectory(root);
        File.WriteAllText(file, "a: 2\n");

        Assert.Equal(2, ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings").Version);
        File.WriteAllText(file, "a: 3\n");
        Assert.Equal(3, ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings").Version);
    }

    [Fact]
    public void SubfolderMovedOut_ItsTopicsReportTheirFilesMissing()
    {
        Temp.Write("sub/a.yaml", "a: 1\n");
        var events = EventProbe();
        var topics = StartPipeline();
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "sub/a");

        Directory.Move(Temp.File("sub"), Temp.File(".moved-away"));

        var failed = ExpectEvent(events, ReloadEventType.ReloadFailed, "sub/a");
        Assert.Contains("file not found", failed.Error, StringComparison.Ordinal);
        Assert.Equal(1, Current(topics, "sub/a").Current!.Version);
    }

    [Fact]
    public void SameTopicInTwoRoots_OnlyTheFirstFileFeedsIt()
    {
        var first = Temp.Write("a/settings.yaml", "from: a\n");
        var second = Temp.Write("b/settings.yaml", "from: b\n");
        var events = EventProbe();
        var topics = StartPipeline(root: Temp.File("a"));
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");
        Sys.ActorOf(WatchRootActor.Props(new WatchRootSettings(Temp.File("b")) { Debounce = DebounceConfig.Fixed(TimeSpan.FromMilliseconds(20)) }, topics), "watch-b");

        File.WriteAllText(second, "from: b2\n");
        File.WriteAllText(first, "from: a2\n");

        Assert.Equal(2, ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings").Version);
        events.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        var history = History(topics, "settings");
        Assert.All(history.Versions, v => Assert.Equal(first, v.Origin.FilePath));
        Assert.Equal("from: a2\n", Current(topics, "settings").Current!.Content);
    }

    private IActorRef StartPipeline(ReloadSettings? settings = null, bool polling = false, int debounceMs = 20, string? root = null)
    {
        var topics = Sys.ActorOf(TopicHostActor.Props(settings ?? new ReloadSettings()), "topics");
        var watch = new WatchRootSettings(root ?? Temp.Path)
        {
            Debounce = new DebounceConfig { Strategy = DebounceStrategy.FixedDelay, BaseDelay = TimeSpan.FromMilliseconds(debounceMs), MaxDelay = TimeSpan.FromMilliseconds(Math.Max(500, debounceMs * 5)) },
            Polling = polling,
            PollInterval = TimeSpan.FromMilliseconds(50),
        };
        Sys.ActorOf(WatchRootActor.Props(watch, topics), "watch");
        return topics;
    }

    private static CurrentContent Current(IActorRef topics, string topic) =>
        topics.Ask<CurrentContent>(new GetCurrentContent(topic), Timeout).Result;

    private static TopicHistory History(IActorRef topics, string topic) =>
        topics.Ask<TopicHistory>(new GetHistory(topic), Timeout).Result;
}
