using Akka.Actor;
using Akka.Hosting;
using HotReloadCluster.Core.Debouncing;
using HotReloadCluster.Core.Events;
using HotReloadCluster.Diagnostics;
using HotReloadCluster.Hosting;
using HotReloadCluster.Reloading;
using HotReloadCluster.Tests.Support;
using HotReloadCluster.Watching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace HotReloadCluster.Tests.Diagnostics;

/// <summary>The topics' and watchers' health on a real pipeline: watched files, ReloadActors, SQLite journal.</summary>
public sealed class TopicHealthCheckSpecs(ITestOutputHelper output) : HotReloadTestKit(output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private IActorRef StartPipeline(bool polling = false)
    {
        ActorRegistry.For(Sys).Register<TopicHealthTrackerActor>(TopicHealthTrackerActor.Start(Sys));
        var topics = Sys.ActorOf(TopicHostActor.Props(new ReloadSettings()), "topics");
        ActorRegistry.For(Sys).Register<TopicHostActor>(topics);
        var watch = new WatchRootSettings(Temp.File("config"))
        {
            Debounce = DebounceConfig.Fixed(TimeSpan.FromMilliseconds(20)),
            Polling = polling,
            PollInterval = TimeSpan.FromMilliseconds(200),
        };
        Sys.ActorOf(WatchRootActor.Props(watch, topics), "watch-0");
        return topics;
    }

    private static Task<HealthCheckResult> CheckAsync(IHealthCheck check) => check.CheckHealthAsync(new HealthCheckContext());

    [Fact]
    public async Task Topics_GoodThenRejectedThenFixed_HealthyDegradedHealthy()
    {
        var file = Temp.Write("config/settings.yaml", "a: 1\n");
        var events = EventProbe();
        StartPipeline();
        var check = new TopicHealthCheck(() => Sys, TimeSpan.FromSeconds(3));
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");

        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(check)).Status);

        File.WriteAllText(file, "a: [\n");
        ExpectEvent(events, ReloadEventType.ReloadFailed, "settings");
        var degraded = await CheckAsync(check);
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains("settings: v1 applied; the file was rejected (Parse)", degraded.Description, StringComparison.Ordinal);
        Assert.True(degraded.Data.ContainsKey("settings"));

        File.WriteAllText(file, "a: 2\n");
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");
        var healthy = await CheckAsync(check);
        Assert.Equal(HealthStatus.Healthy, healthy.Status);
        Assert.Equal("every topic serves its file", healthy.Description);
    }

    [Fact]
    public async Task Topics_ValidationFailedThenFilePutBack_DegradedThenHealthyWithoutANewVersion()
    {
        var file = Temp.Write("config/settings.yaml", "a: 1\n");
        Temp.Write("config/settings.schema.json", """{"type": "object", "properties": {"a": {"type": "integer"}}}""");
        var events = EventProbe();
        var topics = StartPipeline();
        var check = new TopicHealthCheck(() => Sys, TimeSpan.FromSeconds(3));
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");

        File.WriteAllText(file, "a: not-a-number\n");
        ExpectEvent(events, ReloadEventType.ValidationFailed, "settings");
        var degraded = await CheckAsync(check);
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains("(Validation)", degraded.Description, StringComparison.Ordinal);

        // The applied content again: no event, no version; the ReloadActor confirms the file no longer differs.
        File.WriteAllText(file, "a: 1\n");
        await AwaitAssertAsync(async () => Assert.Equal(HealthStatus.Healthy, (await CheckAsync(check)).Status), Timeout, TimeSpan.FromMilliseconds(100));
        var current = await topics.Ask<CurrentConfig>(new GetCurrentConfig("settings"), Timeout);
        Assert.Equal(1, current.Current!.Version);
    }

    [Fact]
    public async Task Topics_PinnedByARollback_StayDegradedAfterTheTopicIsRecoveredByAFreshTrackerAndHost()
    {
        var file = Temp.Write("config/settings.yaml", "a: 1\n");
        var events = EventProbe();
        var topics = StartPipeline();
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");
        File.WriteAllText(file, "a: 2\n");
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");
        var region = ActorRegistry.For(Sys).Get<TopicHostActor>();
        Assert.Equal(OutcomeKind.Applied, (await region.Ask<ReloadOutcome>(Rollback.To("settings", 1, "alice"), Timeout)).Kind);

        // A restart (or a hand-over) in miniature: the tracker and the topic's actors start again; the ReloadActor
        // recovers pinned from the journal, and no ReloadEvent says so.
        var tracker = ActorRegistry.For(Sys).Get<TopicHealthTrackerActor>();
        var watcher = await Sys.ActorSelection("/user/watch-0").ResolveOne(Timeout);
        foreach (var actor in new[] { watcher, topics, tracker })
        {
            var probe = CreateTestProbe();
            probe.Watch(actor);
            Sys.Stop(actor);
            probe.ExpectTerminated(actor);
        }

        var fresh = TopicHealthTrackerActor.Start(Sys);
        ActorRegistry.For(Sys).Register<TopicHealthTrackerActor>(fresh, overwrite: true);
        var host = Sys.ActorOf(TopicHostActor.Props(new ReloadSettings()), "topics-2");
        ActorRegistry.For(Sys).Register<TopicHostActor>(host, overwrite: true);
        Sys.ActorOf(WatchRootActor.Props(new WatchRootSettings(Temp.File("config")) { Debounce = DebounceConfig.Fixed(TimeSpan.FromMilliseconds(20)) }, host), "watch-1");
        await AwaitAssertAsync(async () => Assert.True((await host.Ask<CurrentConfig>(new GetCurrentConfig("settings"), Timeout)).Pinned), Timeout);

        var check = new TopicHealthCheck(() => Sys, TimeSpan.FromSeconds(3));
        await AwaitAssertAsync(async () =>
        {
            var result = await CheckAsync(check);
            Assert.Equal(HealthStatus.Degraded, result.Status);
            Assert.Contains("a rollback pins it", result.Description, StringComparison.Ordinal);
        }, Timeout);
    }

    [Fact]
    public async Task Topics_NoTrackerInTheActorSystem_HealthyWithNoReloadActors()
    {
        var result = await CheckAsync(new TopicHealthCheck(() => Sys));

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal("no ReloadActors on this node", result.Description);
    }

    [Fact]
    public async Task AllChecks_NoActorSystem_Unhealthy()
    {
        Assert.Equal(HealthStatus.Unhealthy, (await CheckAsync(new TopicHealthCheck(() => null))).Status);
        Assert.Equal(HealthStatus.Unhealthy, (await CheckAsync(new ClusterMemberHealthCheck(() => null))).Status);
        Assert.Equal(HealthStatus.Unhealthy, (await CheckAsync(new WatcherHealthCheck(() => null, Options(Temp.File("config"))))).Status);
    }

    [Fact]
    public async Task Member_NotAClusterActorSystem_HealthyAndSaysSo()
    {
        var result = await CheckAsync(new ClusterMemberHealthCheck(() => Sys));

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal("not a cluster node", result.Description);
    }

    [Theory]
    [InlineData(false, "inotify, 1 topic(s)")]
    [InlineData(true, "polling, 1 topic(s)")]
    public async Task Watchers_RootWatched_HealthyAndSayHow(bool polling, string expected)
    {
        Temp.Write("config/settings.yaml", "a: 1\n");
        var events = EventProbe();
        StartPipeline(polling);
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");

        var result = await CheckAsync(new WatcherHealthCheck(() => Sys, Options(Temp.File("config")), TimeSpan.FromSeconds(3)));

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(expected, result.Data[Temp.File("config")]);
    }

    [Fact]
    public async Task Watchers_RootMissing_Degraded()
    {
        StartPipeline();

        var result = await CheckAsync(new WatcherHealthCheck(() => Sys, Options(Temp.File("config")), TimeSpan.FromSeconds(3)));

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal("root missing", result.Data[Temp.File("config")]);
    }

    [Fact]
    public async Task Watchers_WatcherStopped_Unhealthy()
    {
        Temp.Write("config/settings.yaml", "a: 1\n");
        var events = EventProbe();
        StartPipeline();
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");
        var watcher = await Sys.ActorSelection("/user/watch-0").ResolveOne(Timeout);
        Watch(watcher);
        Sys.Stop(watcher);
        ExpectTerminated(watcher);

        var result = await CheckAsync(new WatcherHealthCheck(() => Sys, Options(Temp.File("config")), TimeSpan.FromMilliseconds(500)));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("watcher not answering", result.Data[Temp.File("config")]);
    }

    [Fact]
    public async Task AddHotReloadChecks_SourceOptions_RegistersAndRunsEveryCheckAgainstTheActorSystem()
    {
        Temp.Write("config/settings.yaml", "a: 1\n");
        var events = EventProbe();
        StartPipeline();
        ExpectEvent(events, ReloadEventType.ReloadSuccess, "settings");
        var options = Options(Temp.File("config"));
        options.Persistence = HotReloadPersistence.Sqlite(DatabasePath);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<ActorSystem>(Sys);
        services.AddHealthChecks().AddHotReloadChecks(o => o.Source = options);
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains("ready"));

        Assert.Equal(
            [HotReloadHealthCheckNames.Member, HotReloadHealthCheckNames.Journal, HotReloadHealthCheckNames.Watchers, HotReloadHealthCheckNames.Topics, HotReloadHealthCheckNames.Subscriptions],
            report.Entries.Keys);
        Assert.All(report.Entries.Values, e => Assert.Equal(HealthStatus.Healthy, e.Status));
        Assert.Equal(HealthStatus.Healthy, report.Status);
    }

    [Fact]
    public async Task AddHotReloadChecks_NoOptions_MembershipAndSubscriptionsOnly_NotAMemberIsDegradedForASubscriber()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHealthChecks().AddHotReloadChecks();
        await using var provider = services.BuildServiceProvider();

        var registrations = provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal([HotReloadHealthCheckNames.Member, HotReloadHealthCheckNames.Subscriptions], registrations.Select(r => r.Name));
        Assert.All(registrations, r => Assert.Equal(["hotreload", "ready"], r.Tags.Order(StringComparer.Ordinal)));
        Assert.Equal(HealthStatus.Degraded, report.Entries[HotReloadHealthCheckNames.Member].Status);
        Assert.Equal("no running ActorSystem", report.Entries[HotReloadHealthCheckNames.Member].Description);
    }

    private static HotReloadOptions Options(string root)
    {
        var options = new HotReloadOptions();
        options.WatchPaths.Add(root);
        return options;
    }
}
