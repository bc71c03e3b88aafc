using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Hosting;
using HotReloadCluster.Facade;
using HotReloadCluster.Subscriptions;
using HotReloadCluster.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HotReloadCluster.Tests.Facade;

/// <summary>The facade without actors in sight: typed configs, an observable and an async stream of versions, hosting.</summary>
public sealed class FacadePlainCodeSpecs : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task GetConfigOfT_BindsWithIConfigurationKeys()
    {
        var file = _temp.Write("settings.yaml", "database:\n  host: db1\n  port: 5432\n  replicas: [r1, r2]\n");
        await using var reloader = HotReloader.CreateHotReloader([file]);
        await reloader.StartAsync();

        var settings = reloader.GetConfig<Settings>(file)!;

        Assert.Equal(("db1", 5432), (settings.Database.Host, settings.Database.Port));
        Assert.Equal(["r1", "r2"], settings.Database.Replicas);
        Assert.Null(reloader.GetConfig<Settings>("nope"));
    }

    [Fact]
    public async Task Updates_AndReadAllAsync_SeeEveryAppliedVersionInOrder_AndNoRejectedOne()
    {
        var file = _temp.Write("settings.yaml", "n: 1\n");
        await using var reloader = HotReloader.CreateHotReloader([file], o => o.Validator = c => c.Find("n") is not null);
        await reloader.StartAsync();
        var observed = new BlockingCollection<ConfigUpdate>();
        using var subscription = reloader.Updates.Subscribe(new Observer(observed));
        using var cancel = new CancellationTokenSource(Timeout * 3);
        var streamed = new List<long>();
        var reading = Task.Run(async () =>
        {
            await foreach (var update in reloader.ReadAllAsync(file, cancel.Token))
            {
                streamed.Add(update.Version);
                if (update.Version == 3)
                {
                    break;
                }
            }
        });

        await File.WriteAllTextAsync(file, "n: 2\n");
        Assert.True(observed.TryTake(out var second, Timeout));
        await File.WriteAllTextAsync(file, "other: 1\n"); // refused by the validator
        await File.WriteAllTextAsync(file, "n: 3\n");
        Assert.True(observed.TryTake(out var third, Timeout));
        await reading.WaitAsync(Timeout);

        Assert.Equal((2L, 3L), (second.Version, third.Version));
        Assert.Equal([1L, 2L, 3L], streamed);
        Assert.Empty(observed);
    }

    [Fact]
    public async Task TwoReloaders_ShareOneActorSystem_AndKeepTheirTopicsApart()
    {
        var a = _temp.Write("a/settings.yaml", "who: a\n");
        var b = _temp.Write("b/settings.yaml", "who: b\n");
        await using var first = HotReloader.CreateHotReloader([a]);
        await using var second = HotReloader.CreateHotReloader([b]);
        await first.StartAsync();
        await second.StartAsync();

        await File.WriteAllTextAsync(b, "who: b2\n");
        await Poll(() => second.GetConfig<Who>(b)?.Name == "b2");

        Assert.Equal("a", first.GetConfig<Who>(a)!.Name);
        Assert.Equal(1, (await first.GetHistoryAsync(a)).Total);
    }

    [Fact]
    public async Task AddHotReload_RunsOnTheApplicationsActorSystem_WithoutTouchingItsDefaultJournal()
    {
        var file = _temp.Write("settings.yaml", "a: 1\n");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddAkka("app", akka => akka.AddHocon("""
            akka.persistence.journal.plugin = "akka.persistence.journal.app-journal"
            akka.persistence.journal.app-journal.class = "Akka.Persistence.Journal.MemoryJournal, Akka.Persistence"
            akka.persistence.journal.app-journal.plugin-dispatcher = "akka.actor.default-dispatcher"
            """, HoconAddMode.Prepend));
        builder.Services.AddHotReload([file]);
        using var host = builder.Build();
        await host.StartAsync();
        var reloader = host.Services.GetRequiredService<ConfigHotReloader>();
        var system = host.Services.GetRequiredService<ActorSystem>();

        Assert.True(reloader.IsRunning);
        Assert.Equal(1, reloader.GetConfig<A>(file)!.Value);
        Assert.Equal("akka.persistence.journal.app-journal", system.Settings.Config.GetString("akka.persistence.journal.plugin"));
        await host.StopAsync();
        Assert.False(reloader.IsRunning);
    }

    private static async Task Poll(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(10);
        }
    }

    public sealed class Settings
    {
        public DatabaseSettings Database { get; set; } = new();
    }

    public sealed class DatabaseSettings
    {
        public string Host { get; set; } = string.Empty;

        public int Port { get; set; }

        public List<string> Replicas { get; set; } = [];
    }

    public sealed class Who
    {
        [Microsoft.Extensions.Configuration.ConfigurationKeyName("who")]
        public string Name { get; set; } = string.Empty;
    }

    public sealed class A
    {
        [Microsoft.Extensions.Configuration.ConfigurationKeyName("a")]
        public int Value { get; set; }
    }

    private sealed class Observer(BlockingCollection<ConfigUpdate> updates) : IObserver<ConfigUpdate>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(ConfigUpdate value) => updates.Add(value);
    }
}
