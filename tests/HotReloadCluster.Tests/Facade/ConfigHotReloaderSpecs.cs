using System.Collections.Concurrent;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Events;
using HotReloadCluster.Facade;
using HotReloadCluster.Hosting;
using HotReloadCluster.Reloading;
using HotReloadCluster.Tests.Support;

namespace HotReloadCluster.Tests.Facade;

/// <summary>The seed API, end to end, on real files.</summary>
public sealed class ConfigHotReloaderSpecs : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task StartAsync_ExistingFile_LoadsConfigAndIsRunning()
    {
        var file = _temp.Write("settings.yaml", "database:\n  host: db1\n  port: 5432\n");
        await using var reloader = HotReloader.CreateHotReloader([file]);

        await reloader.StartAsync();

        Assert.True(reloader.IsRunning);
        var config = reloader.GetConfig(file);
        Assert.NotNull(config);
        Assert.Equal(5432, ((ConfigScalar)config.Find("database:port")!).AsInteger());
        Assert.Equal(config, reloader.GetConfig("settings"));
        Assert.Single(reloader.GetAllConfigs());
    }

    [Fact]
    public async Task FileChange_CallsSyncAndAsyncHandlers_AndIsolatesAThrowingOne()
    {
        var file = _temp.Write("settings.yaml", "a: 1\n");
        await using var reloader = HotReloader.CreateHotReloader([file]);
        var seen = new BlockingCollection<ReloadEvent>();
        var asyncSeen = new BlockingCollection<ReloadEvent>();
        reloader.AddEventHandler(_ => throw new InvalidOperationException("handler bug"));
        reloader.AddEventHandler(seen.Add);
        reloader.AddEventHandler(async e =>
        {
            await Task.Yield();
            asyncSeen.Add(e);
        });
        await reloader.StartAsync();

        await File.WriteAllTextAsync(file, "a: 2\n");

        var success = Next(seen, ReloadEventType.ReloadSuccess, version: 2);
        Assert.Equal("settings", success.Topic);
        Assert.Equal(2, Next(asyncSeen, ReloadEventType.ReloadSuccess, version: 2).Version);
        Assert.Equal(2, ((ConfigScalar)reloader.GetConfig(file)!.Find("a")!).AsInteger());
    }

    [Fact]
    public async Task RemoveEventHandler_StopsDelivery()
    {
        var file = _temp.Write("settings.yaml", "a: 1\n");
        await using var reloader = HotReloader.CreateHotReloader([file]);
        var removed = new BlockingCollection<ReloadEvent>();
        var kept = new BlockingCollection<ReloadEvent>();
        Action<ReloadEvent> handler = removed.Add;
        reloader.AddEventHandler(handler);
        reloader.AddEventHandler(kept.Add);
        await reloader.StartAsync();
        Next(kept, ReloadEventType.ReloadSuccess, version: 1);

        Assert.True(reloader.RemoveEventHandler(handler));
        var before = removed.Count;
        await File.WriteAllTextAsync(file, "a: 2\n");

        Next(kept, ReloadEventType.ReloadSuccess, version: 2);
        Assert.Equal(before, removed.Count);
        Assert.False(reloader.RemoveEventHandler(handler));
    }

    [Fact]
    public async Task Validator_ReturningFalse_KeepsLastGoodConfig()
    {
        var file = _temp.Write("settings.yaml", "workers: 4\n");
        await using var reloader = HotReloader.CreateHotReloader([file], o => o.Validator = c => c.Find("workers") is ConfigScalar { Kind: ScalarKind.Integer } s && s.AsInteger() > 0);
        var seen = new BlockingCollection<ReloadEvent>();
        reloader.AddEventHandler(seen.Add);
        await reloader.StartAsync();

        await File.WriteAllTextAsync(file, "workers: 0\n");

        var failed = Next(seen, ReloadEventType.ValidationFailed);
        Assert.NotNull(failed.Error);
        Assert.Equal(4, ((ConfigScalar)reloader.GetConfig(file)!.Find("workers")!).AsInteger());
        var statistics = reloader.GetStatistics();
        Assert.Equal(1, statistics.ValidationFailures);
    }

    [Fact]
    public async Task ManualReloadAsync_AndRollbackToInitialAsync_ReportOutcomes()
    {
        var file = _temp.Write("settings.yaml", "v: 1\n");
        await using var reloader = HotReloader.CreateHotReloader([file], o => o.DebounceInterval = TimeSpan.FromSeconds(30));
        await reloader.StartAsync();
        await File.WriteAllTextAsync(file, "v: 2\n");

        var reload = Assert.Single(await reloader.ManualReloadAsync(file));
        Assert.Equal(OutcomeKind.Applied, reload.Kind);
        Assert.Equal(2, ((ConfigScalar)reloader.GetConfig(file)!.Find("v")!).AsInteger());

        var rollback = Assert.Single(await reloader.RollbackToInitialAsync());
        Assert.Equal(OutcomeKind.Applied, rollback.Kind);
        Assert.Equal(3, rollback.Version);
        Assert.Equal(1, ((ConfigScalar)reloader.GetConfig(file)!.Find("v")!).AsInteger());
        var history = await reloader.GetHistoryAsync(file);
        Assert.Equal(3, history.Versions.Count());
    }

    [Fact]
    public async Task Variables_AreResolvedForTheApp()
    {
        var file = _temp.Write("settings.yaml", "db:\n  host: ${HRC_FACADE_DB_HOST:-fallback}\n");
        await using var reloader = HotReloader.CreateHotReloader([file], o => o.Variables = new Core.Substitution.DictionaryVariableSource(new Dictionary<string, string> { ["HRC_FACADE_DB_HOST"] = "db.internal" }));

        await reloader.StartAsync();

        Assert.Equal("db.internal", ((ConfigScalar)reloader.GetConfig(file)!.Find("db:host")!).Text);
    }

    [Fact]
    public async Task SqlitePersistence_SurvivesRestart_WithSameVersion()
    {
        var file = _temp.Write("settings.yaml", "v: 1\n");
        var db = _temp.File(".data/facade.db");
        await using (var first = HotReloader.CreateHotReloader([file], o => o.Persistence = HotReloadPersistence.Sqlite(db)))
        {
            await first.StartAsync();
            await File.WriteAllTextAsync(file, "v: 2\n");
            await first.ManualReloadAsync(file);
        }

        await using var second = HotReloader.CreateHotReloader([file], o => o.Persistence = HotReloadPersistence.Sqlite(db));
        await second.StartAsync();

        var history = await second.GetHistoryAsync(file);
        Assert.Equal([1L, 2L], history.Versions.Select(v => v.Version));
    }

    [Fact]
    public async Task StopAsync_StopsAndCommandsThenFail()
    {
        var file = _temp.Write("settings.yaml", "v: 1\n");
        var reloader = HotReloader.CreateHotReloader([file]);
        await reloader.StartAsync();

        await reloader.StopAsync();

        Assert.False(reloader.IsRunning);
        Assert.NotNull(reloader.GetConfig(file));
        await Assert.ThrowsAsync<InvalidOperationException>(() => reloader.ManualReloadAsync(file));
        await reloader.DisposeAsync();
    }

    [Fact]
    public async Task StartAsync_AfterRestartWithAFileThatWasNeverValid_StartsWithoutIt()
    {
        var file = _temp.Write("settings.yaml", "a: [broken\n");
        var db = _temp.File(".data/facade.db");
        await using (var first = HotReloader.CreateHotReloader([file], o => o.Persistence = HotReloadPersistence.Sqlite(db)))
        {
            await first.StartAsync();
            Assert.Null(first.GetConfig(file));
        }

        await using var second = HotReloader.CreateHotReloader([file], o => o.Persistence = HotReloadPersistence.Sqlite(db));
        await second.StartAsync();

        Assert.Null(second.GetConfig(file));
        Assert.True(second.IsRunning);
    }

    [Fact]
    public async Task FileCreatedAfterStart_IsFoundByItsPath()
    {
        _temp.Write("a.yaml", "a: 1\n");
        await using var reloader = HotReloader.CreateHotReloader([_temp.Path]);
        var seen = new BlockingCollection<ReloadEvent>();
        reloader.AddEventHandler(seen.Add);
        await reloader.StartAsync();

        var b = _temp.Write("b.yaml", "b: 2\n");
        Next(seen, ReloadEventType.ReloadSuccess, version: 1);
        while (reloader.GetConfig(b) is null)
        {
            Next(seen, ReloadEventType.ReloadSuccess, version: 1);
        }

        Assert.Equal(2, ((ConfigScalar)reloader.GetConfig(b)!.Find("b")!).AsInteger());
        Assert.Equal(2, reloader.GetAllConfigs().Count);
        Assert.Equal(2, (await reloader.ManualReloadAsync()).Count);
    }

    [Fact]
    public void Constructor_WithoutPaths_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ConfigHotReloader(new ConfigHotReloaderOptions()));
    }

    public void Dispose() => _temp.Dispose();

    private static ReloadEvent Next(BlockingCollection<ReloadEvent> events, ReloadEventType type, long? version = null)
    {
        using var cts = new CancellationTokenSource(Timeout);
        while (true)
        {
            var e = events.Take(cts.Token);
            if (e.Type == type && (version is null || e.Version == version))
            {
                return e;
            }
        }
    }
}
