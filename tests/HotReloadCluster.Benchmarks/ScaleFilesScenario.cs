using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Hosting;
using HotReloadCluster.Cluster;
using HotReloadCluster.Core.Events;
using HotReloadCluster.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HotReloadCluster.Benchmarks;

/// <summary>
/// Files appearing at once under a node set up as <c>dotnet run</c> sets it up (a one-node cluster with every role,
/// sharded ReloadActors, the embedded SQLite journal, default debounce), then the same with an in-memory journal:
/// N files are created as fast as the disk takes them in an empty watched root, and the figure is the time from the
/// first file until every one is a topic with version 1. For 10,000 files on the default journal: inotify instances,
/// memory over an empty node, idle CPU and the latency of one change.
/// </summary>
public sealed class ScaleFilesScenario : IScenario
{
    /// <inheritdoc />
    public string Name => "scale-files";

    /// <inheritdoc />
    public string Description => "2,000 and 10,000 files appearing at once: time until all applied (SQLite default, in-memory), inotify, memory, idle CPU";

    /// <inheritdoc />
    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var rows = new List<BenchmarkRow>();
        int[] sizes = quick ? [100] : Environment.GetEnvironmentVariable("BENCH_SIZES") is { } s ? [.. s.Split(",").Select(int.Parse)] : [2_000, 10_000];
        foreach (var files in sizes)
        {
            // BENCH_JOURNALS=sqlite and BENCH_FULL=0 narrow a run down while profiling.
            foreach (var journal in new[] { "SQLite (default)", "in-memory" }.Where(j => Environment.GetEnvironmentVariable("BENCH_JOURNALS") is not { } only || j.StartsWith(only, StringComparison.OrdinalIgnoreCase)))
            {
                var full = files == sizes[^1] && journal.StartsWith("SQLite", StringComparison.Ordinal) && Environment.GetEnvironmentVariable("BENCH_FULL") != "0";
                rows.AddRange(await RunOnceAsync(files, journal, full, quick, cancellationToken).ConfigureAwait(false));
            }
        }

        return rows;
    }

    private async Task<IReadOnlyList<BenchmarkRow>> RunOnceAsync(int files, string journal, bool full, bool quick, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "hrc-bench", Guid.NewGuid().ToString("N"));
        var root = Path.Combine(folder, "cluster-config");
        Directory.CreateDirectory(root);
        var configuration = string.Create(CultureInfo.InvariantCulture, $"{files:N0} new files, node defaults, {journal} journal");
        try
        {
            var persistence = journal.StartsWith("SQLite", StringComparison.Ordinal)
                ? HotReloadPersistence.Sqlite(Path.Combine(folder, "data", "hotreload.db"))
                : HotReloadPersistence.InMemory;
            using var host = StartNode(root, persistence);
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            var system = host.Services.GetRequiredService<ActorSystem>();
            await WaitUpAsync(system, cancellationToken).ConfigureAwait(false);
            var events = new EventCollector(system);
            var memoryBefore = Memory();

            var clock = Stopwatch.StartNew();
            for (var i = 0; i < files; i++)
            {
                var group = Path.Combine(root, "group" + (i / 100).ToString(CultureInfo.InvariantCulture));
                Directory.CreateDirectory(group);
                await File.WriteAllTextAsync(Path.Combine(group, $"file{i}.yaml"), $"id: {i}\nname: file-{i}\n", cancellationToken).ConfigureAwait(false);
            }

            var created = clock.Elapsed;
            var applied = new HashSet<string>(StringComparer.Ordinal);
            while (applied.Count < files)
            {
                applied.Add(events.Next(ReloadEventType.ReloadSuccess, null, TimeSpan.FromMinutes(3)).Topic);
            }

            var all = clock.Elapsed;
            var result = new List<BenchmarkRow>
            {
                new(Name, configuration, "first file → all applied", all.TotalSeconds, "s", files <= 2_000 ? "≤ 10 s" : null),
                new(Name, configuration, "of it, creating the files", created.TotalSeconds, "s"),
            };
            if (full)
            {
                result.Add(new(Name, configuration, "inotify instances", InotifyInstancesWatching(root), "", "≤ 1 per root"));
                result.Add(new(Name, configuration, "memory over an empty node", (Memory() - memoryBefore) / (1024.0 * 1024.0), "MB", "≤ 40 MB"));
                result.AddRange(await IdleAndChangeAsync(root, files, events, configuration, quick, cancellationToken).ConfigureAwait(false));
            }

            await host.StopAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private async Task<IEnumerable<BenchmarkRow>> IdleAndChangeAsync(string root, int files, EventCollector events, string configuration, bool quick, CancellationToken cancellationToken)
    {
        // Right after the first versions the runtime is still busy with them (tier-1 JIT, a background gen2 GC);
        // idle is measured once that has settled. The settle time is in the figure's name.
        var settle = quick ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromSeconds(10);
        var idle = quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(30);
        await Task.Delay(settle, cancellationToken).ConfigureAwait(false);
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await Task.Delay(idle, cancellationToken).ConfigureAwait(false);
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / wall.Elapsed.TotalMilliseconds * 100;

        var changes = new List<double>();
        for (var k = 0; k < (quick ? 3 : 20); k++)
        {
            var index = (k * 7919) % files;
            var group = "group" + (index / 100).ToString(CultureInfo.InvariantCulture);
            var start = Stopwatch.GetTimestamp();
            await File.WriteAllTextAsync(Path.Combine(root, group, $"file{index}.yaml"), $"id: {index}\nname: changed-{k}\n", cancellationToken).ConfigureAwait(false);
            events.Next(ReloadEventType.ReloadSuccess, $"{group}/file{index}");
            changes.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return
        [
            new(Name, configuration, $"idle CPU over {idle.TotalSeconds} s, {settle.TotalSeconds} s after the last version", cpu, "% of one core", "≤ 0.5 %"),
            new(Name, configuration, "change latency p50 (default debounce 20 ms)", LatencySummary.Of(changes).P50, "ms"),
        ];
    }

    /// <summary>The node as <c>dotnet run</c> builds it (Program.cs), minus its console printers.</summary>
    private static IHost StartNode(string root, HotReloadPersistence persistence)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var options = new HotReloadOptions { Persistence = persistence };
        options.WatchPaths.Add(root);
        var cluster = new ClusterNodeOptions { Port = 0, ExtraHocon = "akka.loglevel = ERROR\n" + Environment.GetEnvironmentVariable("BENCH_HOCON") };
        builder.Services.AddAkka(cluster.SystemName, (akka, _) => akka.WithHotReloadCluster(options, cluster));
        return builder.Build();
    }

    private static async Task WaitUpAsync(ActorSystem system, CancellationToken cancellationToken)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (cluster.SelfMember.Status != Akka.Cluster.MemberStatus.Up)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the node did not come up");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Inotify instances of this process with a watch on <paramref name="directory"/>, read from
    /// <c>/proc/self/fdinfo</c> (each watch line names the watched inode). Counting every inotify descriptor of the
    /// process instead would count those of anything else running in it (the test host runs other tests alongside).
    /// </summary>
    private static int InotifyInstancesWatching(string directory)
    {
        var inode = "ino:" + Inode(directory).ToString("x", CultureInfo.InvariantCulture) + " ";
        var count = 0;
        foreach (var fd in new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos())
        {
            try
            {
                if (fd.LinkTarget?.Contains("inotify", StringComparison.Ordinal) == true
                    && File.ReadAllText(Path.Combine("/proc/self/fdinfo", fd.Name)).Contains(inode, StringComparison.Ordinal))
                {
                    count++;
                }
            }
            catch (IOException)
            {
                // closed while we looked
            }
        }

        return count;
    }

    private static ulong Inode(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%i", path]) { RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("stat did not start");
        var output = stat.StandardOutput.ReadToEnd();
        stat.WaitForExit();
        return ulong.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }

    private static long Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
