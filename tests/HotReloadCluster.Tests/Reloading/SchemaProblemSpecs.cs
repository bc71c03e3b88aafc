using Akka.Actor;
using HotReloadCluster.Core.Debouncing;
using HotReloadCluster.Core.Events;
using HotReloadCluster.Reloading;
using HotReloadCluster.Tests.Support;
using HotReloadCluster.Watching;
using Xunit.Abstractions;

namespace HotReloadCluster.Tests.Reloading;

/// <summary>
/// A broken <c>&lt;name&gt;.schema.json</c> is a validation result naming the schema, once per change, never an
/// exception that restarts the topic; fixing the schema applies the waiting file without touching it.
/// </summary>
public sealed class SchemaProblemSpecs(ITestOutputHelper output) : HotReloadTestKit(output, sqlite: false)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static TheoryData<string, string> BrokenSchemas() => new()
    {
        { "{ this is not json", "not valid JSON" },
        { """{"type": "no-such-type"}""", "settings.schema.json" },
        { """{"type": "object", "properties": {"a": {"type": "string", "pattern": "(["}}}""", "settings.schema.json" },
        { """{"$ref": "#/definitions/missing"}""", "settings.schema.json" },
        { "", "settings.schema.json" },
    };

    [Theory]
    [MemberData(nameof(BrokenSchemas))]
    public async Task Reload_BrokenSchema_ValidationFailedOnceNamingTheSchemaLastGoodKept(string schema, string expected)
    {
        var file = Temp.Write("settings.yaml", "a: ok\n");
        var events = EventProbe();
        var actor = Sys.ActorOf(ReloadActor.Props("settings", file, new ReloadSettings()));
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");

        Temp.Write("settings.schema.json", schema);
        File.WriteAllText(file, "a: changed\n");
        actor.Tell(new ReloadRequested("settings", file, ReloadTrigger.FileChanged));

        var failed = ExpectEvent(events, ReloadEventType.ValidationFailed, "settings");
        Assert.Contains("settings.schema.json", failed.Error, StringComparison.Ordinal);
        Assert.Contains(expected, failed.Error, StringComparison.Ordinal);
        Assert.Equal(1, failed.Version);

        // The same save seen again is not a new rejection, and nothing restarts the actor.
        actor.Tell(new ReloadRequested("settings", file, ReloadTrigger.FileChanged));
        events.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        var history = (await actor.Ask<TopicHistory>(new GetHistory("settings"), Timeout));
        Assert.Single(history.Entries, e => !e.IsApplied);
    }

    [Fact]
    public async Task Watcher_SchemaFixed_WaitingFileAppliesWithoutBeingTouched()
    {
        var file = Temp.Write("settings.yaml", "a: ok\n");
        var events = EventProbe();
        var topics = Sys.ActorOf(TopicHostActor.Props(new ReloadSettings()), "topics");
        Sys.ActorOf(WatchRootActor.Props(new WatchRootSettings(Temp.Path) { Debounce = DebounceConfig.Fixed(TimeSpan.FromMilliseconds(20)) }, topics), "watch");
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");

        Temp.Write("settings.schema.json", """{"type": "object", "properties": {"a": {"type": "no-such-type"}}}""");
        File.WriteAllText(file, "a: waiting\n");
        var failed = ExpectEvent(events, ReloadEventType.ValidationFailed, "settings");
        Assert.Contains("settings.schema.json", failed.Error, StringComparison.Ordinal);

        Temp.Write("settings.schema.json", """{"type": "object", "properties": {"a": {"type": "string"}}}""");

        var applied = ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");
        Assert.Equal(2, applied.Version);
        Assert.Equal("a: waiting\n", TopicQueries.Content(topics));
    }

    [Fact]
    public async Task Watcher_SchemaChangedToRejectTheWaitingFileAnotherWay_ReportedAgain()
    {
        var file = Temp.Write("settings.yaml", "a: 1\n");
        var events = EventProbe();
        var topics = Sys.ActorOf(TopicHostActor.Props(new ReloadSettings()), "topics");
        Sys.ActorOf(WatchRootActor.Props(new WatchRootSettings(Temp.Path) { Debounce = DebounceConfig.Fixed(TimeSpan.FromMilliseconds(20)) }, topics), "watch");
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");

        Temp.Write("settings.schema.json", """{"type": "object", "properties": {"a": {"type": "string"}}}""");
        File.WriteAllText(file, "a: 2\n");
        Assert.Contains("string", ExpectEvent(events, ReloadEventType.ValidationFailed, "settings").Error, StringComparison.Ordinal);

        Temp.Write("settings.schema.json", """{"type": "object", "required": ["b"]}""");

        Assert.Contains("b", ExpectEvent(events, ReloadEventType.ValidationFailed, "settings").Error, StringComparison.Ordinal);
        var history = (await topics.Ask<TopicHistory>(new GetHistory("settings"), Timeout));
        Assert.Equal(2, history.Entries.Count(e => !e.IsApplied));
    }
}
