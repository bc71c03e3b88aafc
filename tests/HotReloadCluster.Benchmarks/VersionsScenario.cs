using System.Diagnostics;
using System.Globalization;
using System.Text;
using Akka.Actor;
using Akka.Hosting;
using HotReloadCluster.Cluster;
using HotReloadCluster.Content;
using HotReloadCluster.Core.Diffing;
using HotReloadCluster.Core.Events;
using HotReloadCluster.Core.Parsing;
using HotReloadCluster.Hosting;
using HotReloadCluster.Reloading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace HotReloadCluster.Benchmarks;

/// <summary>
/// One 100 KB topic and 1,000 versions on a node as <c>dotnet run</c> sets it up (the default SQLite journal, then
/// PostgreSQL): memory growth from version 50 to 1,000, journal size against the content it retains, the time a new
/// ReloadActor takes to recover the topic, and show/diff of the oldest retained version (read back from the journal).
/// </summary>
public sealed class VersionsScenario : IScenario
{
    /// <inheritdoc />
    public string Name => "versions";

    /// <inheritdoc />
    public string Description => "one 100 KB topic, 1,000 versions: RSS growth, journal size, restart, show/diff of the oldest version";

    /// <inheritdoc />
    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var rows = new List<BenchmarkRow>();
        var versions = quick ? 60 : 1000;
        var size = quick ? 10_000 : 100_000;
        foreach (var store in new Func<BenchStore>[] { BenchStore.Sqlite, BenchStore.PostgreSql })
        {
            using var bench = store();
            rows.AddRange(await RunOnceAsync(bench, versions, size, quick, cancellationToken).ConfigureAwait(false));
        }

        return rows;
    }

    private async Task<IReadOnlyList<BenchmarkRow>> RunOnceAsync(BenchStore store, int versions, int size, bool quick, CancellationToken cancellationToken)
    {
        var configuration = string.Create(CultureInfo.InvariantCulture, $"{size / 1000} KB topic, {versions:N0} versions, {store.Name}{(store.Name == "SQLite" ? " (default)" : string.Empty)}");
        var root = Path.Combine(store.Folder, "cluster-config");
        Directory.CreateDirectory(root);
        var file = Path.Combine(root, "settings.yaml");
        await File.WriteAllTextAsync(file, Content(1, size), cancellationToken).ConfigureAwait(false);
        long retained = 0;
        double rss50 = 0, rssLast = 0;
        using (var host = StartNode(root, store.Persistence))
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            var system = host.Services.GetRequiredService<ActorSystem>();
            var events = new EventCollector(system);
            events.Next(ReloadEventType.ReloadSuccess, "settings", TimeSpan.FromSeconds(60));
            retained += Encoding.UTF8.GetByteCount(Content(1, size));
            for (var v = 2; v <= versions; v++)
            {
                var content = Content(v, size);
                await File.WriteAllTextAsync(file, content, cancellationToken).ConfigureAwait(false);
                var applied = events.Next(ReloadEventType.ReloadSuccess, "settings", TimeSpan.FromSeconds(60));
                if (applied.Version != v)
                {
                    throw new InvalidOperationException($"expected version {v}, got {applied.Version}");
                }

                retained += Encoding.UTF8.GetByteCount(content);
                if (v == 50)
                {
                    rss50 = Rss();
                }
            }

            rssLast = Rss();
            await host.StopAsync(cancellationToken).ConfigureAwait(false);
        }

        var journal = JournalBytes(store);
        var (recovery, warmRecovery, showCold, showWarm, diff) = await ReadBackAsync(store, size, cancellationToken).ConfigureAwait(false);
        var rows = new List<BenchmarkRow>();
        if (!quick)
        {
            // Over 10 versions (quick mode) the difference is noise, and may be negative.
            rows.Add(new(Name, configuration, $"RSS growth from version 50 to {versions:N0}", (rssLast - rss50) / (1024 * 1024), "MB", "≤ 20 MB"));
        }

        return
        [
            .. rows,
            new(Name, configuration, "journal on disk / retained content", journal / (double)retained, "×", "≤ 1.5 ×"),
            new(Name, configuration, "journal on disk", journal / (1024.0 * 1024.0), "MB"),
            new(Name, configuration, "restart: a new ReloadActor recovers the topic and answers, journal plugin cold", recovery, "ms", "≤ 200 ms"),
            new(Name, configuration, "of it, the recovery itself (journal plugin warm)", warmRecovery, "ms"),
            new(Name, configuration, "show the oldest retained version (first journal read)", showCold, "ms", "≤ 50 ms"),
            new(Name, configuration, "of it, median of later reads", showWarm, "ms"),
            new(Name, configuration, "diff oldest → current (read, parse both, diff)", diff, "ms", "≤ 50 ms"),
        ];
    }

    /// <summary>In a fresh ActorSystem on the same journal: recovery time, then reads of the oldest versions.</summary>
    private static async Task<(double Recovery, double WarmRecovery, double ShowCold, double ShowWarm, double Diff)> ReadBackAsync(BenchStore store, int size, CancellationToken cancellationToken)
    {
        using var system = store.CreateSystem();
        var timeout = TimeSpan.FromSeconds(30);
        var file = Path.Combine(store.Folder, "cluster-config", "settings.yaml");
        var settings = new ReloadSettings { WatchRoots = [Path.GetDirectoryName(file)!] };
        var clock = Stopwatch.StartNew();
        var actor = system.ActorOf(ReloadActor.Props("settings", file, settings));
        var current = await actor.Ask<CurrentConfig>(new GetCurrentConfig("settings"), timeout, cancellationToken).ConfigureAwait(false);
        var recovery = clock.Elapsed.TotalMilliseconds;
        var oldest = current.OldestKeptVersion;

        // Again with the journal plugin warm (connections open, tables checked): the recovery itself.
        await actor.GracefulStop(timeout).ConfigureAwait(false);
        clock.Restart();
        actor = system.ActorOf(ReloadActor.Props("settings", file, settings));
        await actor.Ask<CurrentConfig>(new GetCurrentConfig("settings"), timeout, cancellationToken).ConfigureAwait(false);
        var warmRecovery = clock.Elapsed.TotalMilliseconds;

        async Task<(double Ms, byte[] Bytes)> ShowAsync(long version)
        {
            var started = Stopwatch.GetTimestamp();
            var lookup = await actor.Ask<VersionLookup>(new GetVersion("settings", version), timeout, cancellationToken).ConfigureAwait(false);
            var bytes = await ContentFetcher.FetchAsync(actor, "settings", lookup.Version!.Hash, timeout, cancellationToken).ConfigureAwait(false);
            return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, bytes);
        }

        var (cold, _) = await ShowAsync(oldest).ConfigureAwait(false);

        // Alternate two old versions so that every read goes to the journal (the actor keeps one older content).
        var warm = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            warm.Add((await ShowAsync(oldest + 1 + (i % 2)).ConfigureAwait(false)).Ms);
        }

        var parser = new ConfigParser();
        var diffs = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var (_, before) = await ShowAsync(oldest + (i % 2)).ConfigureAwait(false);
            var (_, after) = await ShowAsync(current.Current!.Version).ConfigureAwait(false);
            var diff = ConfigDiff.Compute(parser.Parse(before, Core.Documents.ConfigFormat.Yaml).Document!, parser.Parse(after, Core.Documents.ConfigFormat.Yaml).Document!);
            if (diff.IsEmpty)
            {
                throw new InvalidOperationException("the oldest and the current version should differ");
            }

            diffs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        _ = size;
        await system.Terminate().ConfigureAwait(false);
        return (recovery, warmRecovery, cold, LatencySummary.Of(warm).P50, LatencySummary.Of(diffs).P50);
    }

    /// <summary>Version <paramref name="version"/> of a ~<paramref name="size"/>-byte YAML file: a thousand keys, a tenth of them changing each version.</summary>
    private static string Content(int version, int size)
    {
        var builder = new StringBuilder(size + 200);
        builder.Append(CultureInfo.InvariantCulture, $"version: {version}\n");
        for (var i = 0; builder.Length < size; i++)
        {
            var changes = (i + version) % 10 == 0 ? version : 0;
            builder.Append(CultureInfo.InvariantCulture, $"section{i / 50}_key{i}: \"setting {i} of the service, revision {changes}, with some text to make it realistic\"\n");
        }

        return builder.ToString();
    }

    private static long JournalBytes(BenchStore store)
    {
        if (store.Persistence.SqlitePath is { } db)
        {
            return new[] { db, db + "-wal", db + "-shm" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
        }

        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(store.Persistence.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT pg_total_relation_size('journal') + pg_total_relation_size('snapshot')", connection);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>This process's resident memory after a full, compacting collection.</summary>
    private static double Rss()
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    /// <summary>The node as <c>dotnet run</c> builds it (Program.cs), minus its console printers.</summary>
    private static IHost StartNode(string root, HotReloadPersistence persistence)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var options = new HotReloadOptions { Persistence = persistence };
        options.WatchPaths.Add(root);
        var cluster = new ClusterNodeOptions { Port = 0, ExtraHocon = "akka.loglevel = ERROR" };
        builder.Services.AddAkka(cluster.SystemName, (akka, _) => akka.WithHotReloadCluster(options, cluster));
        return builder.Build();
    }
}
