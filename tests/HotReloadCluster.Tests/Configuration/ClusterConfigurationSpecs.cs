using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Akka.Hosting;
using HotReloadCluster.Cluster;
using HotReloadCluster.Configuration;
using HotReloadCluster.Hosting;
using HotReloadCluster.Reloading;
using HotReloadCluster.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace HotReloadCluster.Tests.Configuration;

/// <summary>
/// A service reading cluster topics through IConfiguration and IOptionsMonitor: a config node and the service's own
/// host and ActorSystem (Akka.Hosting, <c>WithHotReloadSubscriber</c>) on 127.0.0.1, real files, a SQLite journal.
/// </summary>
public sealed class ClusterConfigurationSpecs(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly string[] SourceAndRegistry = [HotReloadRoles.Source, HotReloadRoles.Registry];
    private readonly TempDirectory _temp = new();
    private readonly List<ClusterTestNode> _nodes = [];
    private readonly List<IHost> _hosts = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await StopQuietly(host);
        }

        foreach (var node in _nodes)
        {
            node.Dispose();
        }

    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task VersionAppliedOnTheSource_UpdatesIConfigurationAndIOptionsMonitorOfTheService()
    {
        var file = _temp.Write("config/settings.yaml", "database:\n  host: db1\n  port: 5432\n");
        var source = ConfigNode();
        var service = await StartServiceAsync(source.Address.Port!.Value);
        var monitor = service.Services.GetRequiredService<IOptionsMonitor<DatabaseOptions>>();
        Assert.Equal("db1", monitor.CurrentValue.Host);
        var changes = new BlockingCollection<DatabaseOptions>();
        using var listener = monitor.OnChange(changes.Add);

        await File.WriteAllTextAsync(file, "database:\n  host: db2\n  port: 6432\n");

        Assert.True(changes.TryTake(out var changed, Timeout));
        Assert.Equal(("db2", 6432), (changed.Host, changed.Port));
        Assert.Equal("db2", service.Services.GetRequiredService<IConfiguration>()["database:host"]);
        var config = service.Services.GetRequiredService<IConfiguration>().GetHotReloadConfig()!;
        Assert.Equal(2, config.Current("settings")!.Version);
        Assert.False(config.Current("settings")!.Stale);
        Assert.Equal("db2", config.Bind<SettingsDocument>("settings")!.Database.Host);
    }

    [Fact]
    public async Task VersionTheServiceOptionsRefuse_NeverBecomesVisible_AndTheClusterRollsItBack()
    {
        var file = _temp.Write("config/settings.yaml", "database:\n  host: db1\n  port: 5432\n");
        var source = ConfigNode();
        var service = await StartServiceAsync(source.Address.Port!.Value);
        var monitor = service.Services.GetRequiredService<IOptionsMonitor<DatabaseOptions>>();
        var configuration = service.Services.GetRequiredService<IConfiguration>();
        var seenHosts = new ConcurrentQueue<string?>();
        using var listener = monitor.OnChange(o => seenHosts.Enqueue(o.Host));

        await File.WriteAllTextAsync(file, "database:\n  host: db1\n  port: 99999\n"); // [Range] refuses it on the service

        // The source rolls the topic back to version 1's content as a new version (3), which the service takes.
        await AwaitAsync(() => TopicQueries.CurrentVersion(source.Handles.ReloadRegion) is { Version: 3, Origin.Kind: OriginKind.Rollback });
        await AwaitAsync(() => configuration.GetHotReloadConfig()!.Current("settings")?.Version == 3);
        Assert.Equal(5432, monitor.CurrentValue.Port);
        Assert.Equal("5432", configuration["database:port"]);
        Assert.DoesNotContain(seenHosts, h => h != "db1");
    }

    [Fact]
    public async Task ConfigNodesDownAtStart_ServiceStartsFromTheCache_ThenCatchesUpWhenTheyComeBack()
    {
        var file = _temp.Write("config/settings.yaml", "database:\n  host: db1\n  port: 5432\n");
        var journal = _temp.File("journal.db");
        var port = FreePort();
        var source = ConfigNode(journal, port);
        var first = await StartServiceAsync(port);
        await File.WriteAllTextAsync(file, "database:\n  host: db2\n  port: 5432\n");
        await AwaitAsync(() => first.Services.GetRequiredService<IConfiguration>()["database:host"] == "db2");
        await StopQuietly(first);
        source.Dispose();
        _nodes.Remove(source);

        // Nobody answers: the service starts after its startup timeout with version 2 from the cache, marked stale.
        var second = await StartServiceAsync(port, startupTimeout: TimeSpan.FromSeconds(1));
        var configuration = second.Services.GetRequiredService<IConfiguration>();
        Assert.Equal("db2", configuration["database:host"]);
        Assert.Equal("db2", second.Services.GetRequiredService<IOptionsMonitor<DatabaseOptions>>().CurrentValue.Host);
        Assert.True(configuration.GetHotReloadConfig()!.Current("settings")!.Stale);
        Assert.Equal(2, configuration.GetHotReloadConfig()!.Current("settings")!.Version);

        // The config node comes back (same address, same journal) with a change made meanwhile.
        await File.WriteAllTextAsync(file, "database:\n  host: db3\n  port: 5432\n");
        ConfigNode(journal, port);
        await AwaitAsync(() => configuration["database:host"] == "db3");
        Assert.False(configuration.GetHotReloadConfig()!.Current("settings")!.Stale);
    }

    [Fact]
    public async Task RequireClusterAtStartup_NoClusterInTime_TheStartFails()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StartServiceAsync(FreePort(), startupTimeout: TimeSpan.FromSeconds(1), require: true));

        Assert.Contains("did not confirm", error.GetBaseException().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceMemberDowned_RejoinsAsANewIncarnation_FollowsLaterVersions_AndTheServiceNeverStops()
    {
        var file = _temp.Write("config/settings.yaml", "database:\n  host: db1\n  port: 5432\n");
        var source = ConfigNode();
        var service = await StartServiceAsync(source.Address.Port!.Value);
        var configuration = service.Services.GetRequiredService<IConfiguration>();
        var appSystem = service.Services.GetRequiredService<Akka.Actor.ActorSystem>();
        var inbox = Akka.Actor.Inbox.Create(appSystem);
        service.Services.GetRequiredService<ActorRegistry>().Get<HotReloadCluster.Subscriptions.SubscriptionManagerActor>()
            .Tell(new HotReloadCluster.Subscriptions.Subscribe("settings", inbox.Receiver), Akka.Actor.ActorRefs.NoSender);
        Assert.Equal(1, (await NextUpdateAsync(inbox)).Version);
        var subscriber = ((IConfigurationRoot)configuration).Providers.OfType<HotReloadClusterProvider>().Single().Subscriber!;
        var first = subscriber.Current!;
        Assert.NotSame(appSystem, first);

        // What the split brain resolver does to a member that paused longer than failure detection + stable-after.
        Akka.Cluster.Cluster.Get(source.System).Down(Akka.Cluster.Cluster.Get(first).SelfAddress);

        await AwaitAsync(() => subscriber is { Incarnation: >= 2, Current: { } second } && !ReferenceEquals(second, first)
            && Akka.Cluster.Cluster.Get(second).SelfMember.Status == Akka.Cluster.MemberStatus.Up);
        Assert.True(first.WhenTerminated.IsCompleted);
        Assert.Equal("db1", configuration["database:host"]); // the last good values, all along
        await File.WriteAllTextAsync(file, "database:\n  host: db2\n  port: 5432\n");

        await AwaitAsync(() => configuration["database:host"] == "db2");
        var update = await NextUpdateAsync(inbox);
        Assert.Equal(2, update.Version); // the application's actor: v2 once, nothing applied twice
        Assert.Equal("db2", service.Services.GetRequiredService<IOptionsMonitor<DatabaseOptions>>().CurrentValue.Host);
        Assert.False(appSystem.WhenTerminated.IsCompleted);
    }

    [Fact]
    public async Task Cache_HoldsTheTemplate_NeverAResolvedVariable()
    {
        Environment.SetEnvironmentVariable("HRC_TEST_DB_PASSWORD", "s3cret-value");
        var file = _temp.Write("config/settings.yaml", "database:\n  host: db1\n  port: 5432\n  password: ${HRC_TEST_DB_PASSWORD}\n");
        var source = ConfigNode();
        var service = await StartServiceAsync(source.Address.Port!.Value);

        Assert.Equal("s3cret-value", service.Services.GetRequiredService<IConfiguration>()["database:password"]);
        var cached = Directory.GetFiles(_temp.File("cache")).Single();
        var text = await File.ReadAllTextAsync(cached);
        Assert.Contains("${HRC_TEST_DB_PASSWORD}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-value", text, StringComparison.Ordinal);
        _ = file;
    }

    private ClusterTestNode ConfigNode(string? sqlite = null, int port = 0)
    {
        var node = ClusterTestNode.Start(
            SourceAndRegistry,
            sqlite is null ? HotReloadPersistence.InMemory : HotReloadPersistence.Sqlite(sqlite),
            watchRoot: _temp.File("config"),
            debounce: TimeSpan.FromMilliseconds(5),
            port: port);
        _nodes.Add(node);
        return node;
    }

    private async Task<IHost> StartServiceAsync(int seedPort, TimeSpan? startupTimeout = null, bool require = false)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddHotReloadCluster(["settings"], o => o.CacheFolder = _temp.File("cache"));
        builder.Services.AddHotReloadOptions<DatabaseOptions>("database").ValidateDataAnnotations();
        builder.Services.AddAkka("service", (akka, sp) => akka.WithHotReloadSubscriber(sp, o =>
        {
            o.Cluster = new ClusterNodeOptions
            {
                Port = 0,
                Seeds = [$"127.0.0.1:{seedPort}"],
                ExtraHocon = ClusterHocon.FastTestTimings + "\nakka.loglevel = WARNING\nakka.coordinated-shutdown.run-by-clr-shutdown-hook = off\n",
            };
            o.StartupTimeout = startupTimeout ?? Timeout;
            o.RequireClusterAtStartup = require;
        }));
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            await StopQuietly(host);
            throw;
        }

        _hosts.Add(host);
        output.WriteLine($"service started; settings {host.Services.GetRequiredService<IConfiguration>().GetHotReloadConfig()!.Current("settings")?.Version}");
        return host;
    }

    private static async Task StopQuietly(IHost host)
    {
        try
        {
            await host.StopAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
        }

        host.Dispose();
    }

    private static async Task<HotReloadCluster.Subscriptions.ConfigUpdate> NextUpdateAsync(Akka.Actor.Inbox inbox)
    {
        while (true)
        {
            if (await inbox.ReceiveAsync(Timeout) is HotReloadCluster.Subscriptions.ConfigUpdate update)
            {
                return update;
            }
        }
    }

    private static async Task AwaitAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(20);
        }
    }

    private static int FreePort() => HotReloadCluster.IntegrationTests.FreePorts.Next();

    /// <summary>Options as the service binds them.</summary>
    public sealed class DatabaseOptions
    {
        [Required]
        public string Host { get; set; } = string.Empty;

        [Range(1, 65535)]
        public int Port { get; set; }

        public string? Password { get; set; }
    }

    /// <summary>The whole topic, bound.</summary>
    public sealed class SettingsDocument
    {
        public DatabaseOptions Database { get; set; } = new();
    }
}
