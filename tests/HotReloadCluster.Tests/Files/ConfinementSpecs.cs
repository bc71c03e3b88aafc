using System.Diagnostics;
using Akka.Actor;
using HotReloadCluster.Core.Events;
using HotReloadCluster.Reloading;
using HotReloadCluster.Tests.Support;
using Xunit.Abstractions;

namespace HotReloadCluster.Tests.Files;

/// <summary>
/// A topic file is read only when its real path lies inside a watched root and it is a regular file: for a
/// reload, a manual reload, a rollback's check, GetCurrentConfig and recovery alike. Real links, FIFOs and
/// directories on disk; the SQLite journal is checked for what it holds.
/// </summary>
public sealed class ConfinementSpecs(ITestOutputHelper output) : HotReloadTestKit(output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private string Root => Temp.File("root");

    [Fact]
    public async Task Reload_LinkToFileOutsideRoot_ReloadFailedTargetNeverStored()
    {
        var file = Temp.Write("root/settings.yaml", "v: 1\n");
        var secret = Temp.Write("outside/secret.yaml", "password: hunter2-outside\n");
        var events = EventProbe();
        var actor = Start(file);
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");

        Relink(file, secret);
        actor.Tell(new ReloadRequested("settings", file, ReloadTrigger.FileChanged));

        var failed = ExpectEvent(events, ReloadEventType.ReloadFailed, "settings");
        Assert.Contains("outside the watched root", failed.Error, StringComparison.Ordinal);
        Assert.Contains(secret, failed.Error, StringComparison.Ordinal);
        Assert.Equal(1, failed.Version);
        var current = (await CurrentAsync(actor));
        Assert.Equal("v: 1\n", TopicQueries.Content(actor));
        Assert.Null(current.FileHash);

        File.Delete(file);
        File.WriteAllText(file, "v: 2\n");
        actor.Tell(new ReloadRequested("settings", file, ReloadTrigger.FileChanged));
        Assert.Equal(2, ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings").Version);
        Assert.DoesNotContain("hunter2-outside", JournalText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../outside/app.yaml")]
    [InlineData("/etc/hostname")]
    [InlineData("/etc/shadow")]
    public async Task ManualReload_LinkLeavingTheRoot_FailedOutcomeNothingRead(string target)
    {
        Temp.Write("outside/app.yaml", "a: outside\n");
        var file = Temp.Write("root/app.yaml", "a: 1\n");
        var events = EventProbe();
        var actor = Start(file);
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "app");

        Relink(file, target);
        var outcome = (await actor.Ask<ReloadOutcome>(new ManualReload("app", "alice"), Timeout));

        Assert.Equal(OutcomeKind.Failed, outcome.Kind);
        Assert.Contains("outside the watched root", outcome.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(1, outcome.Version);
    }

    [Fact]
    public async Task Reload_LinksThatStayInside_KubernetesLayout_Apply()
    {
        // root/settings.yaml -> ..data/settings.yaml, root/..data -> ..2026_01, as a ConfigMap volume has it.
        Temp.Write("root/..2026_01/settings.yaml", "v: 1\n");
        File.CreateSymbolicLink(Temp.File("root/..data"), "..2026_01");
        var file = Temp.File("root/settings.yaml");
        File.CreateSymbolicLink(file, "..data/settings.yaml");
        var events = EventProbe();
        var actor = Start(file);
        Assert.Equal(1, ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings").Version);

        Temp.Write("root/..2026_02/settings.yaml", "v: 2\n");
        File.CreateSymbolicLink(Temp.File("root/..data_tmp"), "..2026_02");
        NativeFs.Rename(Temp.File("root/..data_tmp"), Temp.File("root/..data"));
        actor.Tell(new ReloadRequested("settings", file, ReloadTrigger.FileChanged));

        Assert.Equal(2, ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings").Version);
        Assert.Equal("v: 2\n", TopicQueries.Content(actor));
    }

    [Fact]
    public void Reload_AbsoluteLinkToASiblingInsideTheRoot_Applies()
    {
        var real = Temp.Write("root/shared/base.yaml", "v: shared\n");
        var file = Temp.File("root/app.yaml");
        File.CreateSymbolicLink(file, real);
        var events = EventProbe();
        Start(file);

        Assert.Equal(1, ExpectEvent(events, ReloadEventType.ReloadSuccess, "app").Version);
    }

    [Fact]
    public async Task Recovery_FileBecameALinkOutsideWhileDown_RefusedAndRecoveredVersionKept()
    {
        var file = Temp.Write("root/settings.yaml", "v: 1\n");
        var outside = Temp.Write("outside/settings.yaml", "v: from outside\n");
        var config = BuildConfig(Temp, sqlite: true);
        using (var first = ActorSystem.Create("first", config))
        {
            var events = EventProbe(first);
            first.ActorOf(ReloadActor.Props("settings", file, Settings()));
            ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");
            await first.Terminate();
        }

        Relink(file, outside);
        using var second = ActorSystem.Create("second", config);
        var secondEvents = EventProbe(second);
        var recovered = second.ActorOf(ReloadActor.Props("settings", file, Settings()));

        var failed = ExpectEvent(secondEvents, ReloadEventType.ReloadFailed, "settings");
        Assert.Contains("outside the watched root", failed.Error, StringComparison.Ordinal);
        Assert.Equal("v: 1\n", TopicQueries.Content(recovered));
        await second.Terminate();
    }

    [Fact]
    public async Task Rollback_WhileTheFileLinksOutside_RollsBackWithoutReadingIt()
    {
        var file = Temp.Write("root/settings.yaml", "v: 1\n");
        var events = EventProbe();
        var actor = Start(file);
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");
        File.WriteAllText(file, "v: 2\n");
        actor.Tell(new ReloadRequested("settings", file, ReloadTrigger.FileChanged));
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");

        Relink(file, "/etc/shadow");
        var outcome = (await actor.Ask<ReloadOutcome>(new Rollback("settings", RollbackMode.Previous, null, "alice"), Timeout));

        Assert.Equal(OutcomeKind.Applied, outcome.Kind);
        var current = TopicQueries.CurrentVersion(actor)!;
        Assert.Equal(3, current.Version);
        Assert.Equal("v: 1\n", current.Content);
        Assert.Null(current.PinnedFileHash);
    }

    [Fact]
    public async Task Reload_FifoInPlaceOfTheFile_RefusedAtOnceWithoutBlocking()
    {
        var file = Temp.Write("root/settings.yaml", "v: 1\n");
        var events = EventProbe();
        var actor = Start(file);
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");

        File.Delete(file);
        Run("mkfifo", file);
        actor.Tell(new ReloadRequested("settings", file, ReloadTrigger.FileChanged));

        var failed = ExpectEvent(events, ReloadEventType.ReloadFailed, "settings", TimeSpan.FromSeconds(5));
        Assert.Contains("is not a regular file (a FIFO)", failed.Error, StringComparison.Ordinal);
        Assert.Null((await CurrentAsync(actor)).FileHash);

        File.Delete(file);
        File.WriteAllText(file, "v: 2\n");
        actor.Tell(new ReloadRequested("settings", file, ReloadTrigger.FileChanged));
        Assert.Equal(2, ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings").Version);
    }

    [Theory]
    [InlineData("loop")]
    [InlineData("self")]
    public void Reload_LinkLoop_RefusedAsALoop(string kind)
    {
        var file = Temp.Write("root/settings.yaml", "v: 1\n");
        var events = EventProbe();
        var actor = Start(file);
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");

        File.Delete(file);
        if (kind == "self")
        {
            File.CreateSymbolicLink(file, "settings.yaml");
        }
        else
        {
            File.CreateSymbolicLink(Temp.File("root/other.yaml"), "settings.yaml");
            File.CreateSymbolicLink(file, "other.yaml");
        }

        actor.Tell(new ReloadRequested("settings", file, ReloadTrigger.FileChanged));

        var failed = ExpectEvent(events, ReloadEventType.ReloadFailed, "settings");
        Assert.Contains("too many levels of symbolic links", failed.Error, StringComparison.Ordinal);
        Assert.Equal(1, failed.Version);
    }

    private IActorRef Start(string file) =>
        Sys.ActorOf(ReloadActor.Props(HotReloadCluster.Topics.TopicNaming.TopicFor(Root, file), file, Settings()));

    private ReloadSettings Settings() => new() { WatchRoots = [Root], RetryDelay = TimeSpan.FromMilliseconds(5) };

    private static Task<CurrentConfig> CurrentAsync(IActorRef actor) =>
        actor.Ask<CurrentConfig>(new GetCurrentConfig("settings"), Timeout);

    private static void Relink(string file, string target)
    {
        File.Delete(file);
        File.CreateSymbolicLink(file, target);
    }

    private string JournalText()
    {
        var text = new System.Text.StringBuilder();
        foreach (var path in Directory.EnumerateFiles(Temp.File(".data")))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
            text.Append(reader.ReadToEnd());
        }

        return text.ToString();
    }

    private static void Run(string command, params string[] args)
    {
        using var process = Process.Start(command, args);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
