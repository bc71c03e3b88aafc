using HotReloadCluster.Core.Debouncing;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Events;
using HotReloadCluster.Core.Validation;
using HotReloadCluster.Facade;
using HotReloadCluster.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HotReloadCluster.Tests.Readme;

/// <summary>
/// The README's C# samples, verbatim between the sample markers. <see cref="ReadmeSamplesSpecs"/> runs each
/// one and checks that the README still shows exactly this code.
/// </summary>
internal static class ReadmeSamples
{
    public static async Task<ConfigDocument?> BasicAsync(string configDirectory)
    {
        // sample: basic
        await using var reloader = HotReloader.CreateHotReloader(
            [Path.Combine(configDirectory, "settings.yaml")],
            options => options.DebounceInterval = TimeSpan.FromMilliseconds(100));
        await reloader.StartAsync();

        ConfigDocument? settings = reloader.GetConfig(Path.Combine(configDirectory, "settings.yaml"));
        var port = ((ConfigScalar)settings!.Find("database:port")!).AsInteger();
        Console.WriteLine($"database port: {port}");
        // end sample
        return settings;
    }

    public static async Task<List<string>> HandlersAsync(string configDirectory)
    {
        var lines = new List<string>();
        // sample: handlers
        await using var reloader = HotReloader.CreateHotReloader([Path.Combine(configDirectory, "settings.yaml")]);

        reloader.AddEventHandler(e =>
        {
            if (e.Type == ReloadEventType.ReloadSuccess)
            {
                lines.Add($"{e.Topic} is now version {e.Version} ({e.ReloadTime?.TotalMilliseconds:0.0} ms)");
            }
            else if (e.Type is ReloadEventType.ValidationFailed or ReloadEventType.ReloadFailed)
            {
                lines.Add($"{e.Topic} kept its last good version: {e.Error}");
            }
        });
        reloader.AddEventHandler(async e => await Task.Yield()); // async handlers are awaited in order

        await reloader.StartAsync();
        // end sample
        return lines;
    }

    public static async Task<ReloadStatistics> ValidationAsync(string configDirectory)
    {
        // sample: validation
        await using var reloader = HotReloader.CreateHotReloader([Path.Combine(configDirectory, "settings.yaml")], options =>
        {
            // A plain predicate, as in the seed...
            options.Validator = config => config.Find("database:host") is ConfigScalar { Text.Length: > 0 };

            // ...or a validator that reports every error with its path.
            options.ConfigValidator = ConfigValidators.FromFunc(config =>
                config.Find("database:pool:max_size") is ConfigScalar { Kind: ScalarKind.Integer } max && max.AsInteger() > 100
                    ? [new ValidationError("database:pool:max_size", "at most 100 connections")]
                    : []);

            // settings.schema.json beside settings.yaml is applied too (UseSchemaConvention, on by default).
        });
        await reloader.StartAsync();

        await File.WriteAllTextAsync(Path.Combine(configDirectory, "settings.yaml"), "database:\n  host: ''\n");
        var outcome = (await reloader.ManualReloadAsync())[0];
        Console.WriteLine(outcome); // settings: Rejected: (root): custom validator rejected the configuration
        // end sample
        return reloader.GetStatistics();
    }

    public static async Task<ReloadStatistics> StatisticsAndRollbackAsync(string configDirectory)
    {
        // sample: statistics-rollback
        await using var reloader = HotReloader.CreateHotReloader([configDirectory], options =>
        {
            options.Debounce = new DebounceConfig
            {
                Strategy = DebounceStrategy.Adaptive, // or FixedDelay, Aggressive, Conservative
                BaseDelay = TimeSpan.FromMilliseconds(50),
                AdaptiveMultiplier = 1.5,
                MaxDelay = TimeSpan.FromSeconds(2),
            };
            options.MaxReloadAttempts = 3;
            options.EnableRollback = true;
            options.StatsEnabled = true;
            options.Persistence = HotReloadPersistence.Sqlite(Path.Combine(configDirectory, ".data", "app.db"));
        });
        await reloader.StartAsync();

        await File.WriteAllTextAsync(Path.Combine(configDirectory, "settings.yaml"), "database:\n  host: db2\n  port: 5433\n");
        await reloader.ManualReloadAsync();      // apply now instead of waiting for the watcher
        await reloader.RollbackToInitialAsync(); // version 3 = content of version 1; pinned until the file changes

        ReloadStatistics stats = reloader.GetStatistics();
        Console.WriteLine($"{stats.SuccessfulReloads}/{stats.TotalReloads} reloads ok, {stats.Rollbacks} rollbacks, p99 {stats.P99ReloadTime.TotalMilliseconds} ms");
        await reloader.StopAsync();
        // end sample
        return stats;
    }

    public static IHost OptionsMonitor(string configDirectory, List<string> lines)
    {
        // sample: options-monitor
        var builder = Host.CreateApplicationBuilder();

        // Where AddJsonFile(path, reloadOnChange: true) was: YAML or JSON, validated, one reload per applied version,
        // no 250 ms sleep, and an invalid save leaves IConfiguration and every IOptionsMonitor<T> as they were.
        builder.Configuration.AddHotReloadFile(Path.Combine(configDirectory, "settings.yaml"));

        // Options validation runs on each new version before the application sees it; a refused version changes nothing.
        builder.Services.AddHotReloadOptions<DatabaseSettings>("database")
            .Validate(d => d.Port is > 0 and < 65536, "database:port must be a TCP port");

        var host = builder.Build();
        var database = host.Services.GetRequiredService<IOptionsMonitor<DatabaseSettings>>();
        database.OnChange(d => lines.Add($"database is now {d.Host}:{d.Port}"));
        Console.WriteLine($"database: {database.CurrentValue.Host}:{database.CurrentValue.Port}");
        // end sample
        return host;
    }

    /// <summary>The options class of the options-monitor sample.</summary>
    public sealed class DatabaseSettings
    {
        public string Host { get; set; } = "";

        public int Port { get; set; }
    }
}
