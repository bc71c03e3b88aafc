using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using HotReloadCluster.Core.Debouncing;
using HotReloadCluster.Core.Events;
using HotReloadCluster.Hosting;
using HotReloadCluster.Reloading;
using HotReloadCluster.Serialization;
using HotReloadCluster.Watching;

namespace HotReloadCluster.Benchmarks;

/// <summary>
/// 10,000 watched files on one node (in-memory journal: this measures watching, not persistence): time until
/// every file is tracked and has its first version, inotify instances, memory over an empty node, idle CPU,
/// and the latency of a change to one of them.
/// </summary>
public sealed class ScaleFilesScenario : IScenario
{
    /// <inheritdoc />
    public string Name => "scale-files";

    /// <inheritdoc />
    public string Description => "10,000 files under one root: tracking time, inotify instances, memory, idle CPU, change latency";

    /// <inheritdoc />
    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var files = quick ? 200 : 10_000;
        var idle = quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(30);

        // Right after 10,000 first versions the runtime is still busy with them (tier-1 JIT, a background gen2 GC);
        // idle is measured once that has settled. The settle time is in the figure's name.
        var settle = quick ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromSeconds(10);
        var root = Path.Combine(Path.GetTempPath(), "hrc-bench", Guid.NewGuid().ToString("N"));
        try
        {
            for (var i = 0; i < files; i++)
            {
                var folder = Path.Combine(root, "group" + (i / 100).ToString(System.Globalization.CultureInfo.InvariantCulture));
                Directory.CreateDirectory(folder);
                await File.WriteAllTextAsync(Path.Combine(folder, $"file{i}.yaml"), $"id: {i}\nname: file-{i}\n", cancellationToken).ConfigureAwait(false);
            }

            using var system = ActorSystem.Create("scale", ConfigurationFactory.ParseString("akka.loglevel = ERROR\n" + SerializationHocon.Config + "\n" + RuntimeHocon.Config)
                .WithFallback(PersistenceHocon.For(HotReloadPersistence.InMemory)));
            var events = new EventCollector(system);
            var host = system.ActorOf(TopicHostActor.Props(new ReloadSettings()), "topics");
            await host.Ask<TopicList>(GetTopics.Instance, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            var inotifyBefore = InotifyInstances();
            var memoryBefore = Memory();

            var clock = Stopwatch.StartNew();
            system.ActorOf(WatchRootActor.Props(new WatchRootSettings(root) { Debounce = DebounceConfig.Fixed(TimeSpan.FromMilliseconds(20)) }, host), "watch");
            for (var i = 0; i < files; i++)
            {
                events.Next(ReloadEventType.ReloadSuccess, null, TimeSpan.FromMinutes(2));
            }

            var tracked = clock.Elapsed;
            var inotify = InotifyInstances() - inotifyBefore;
            var memory = (Memory() - memoryBefore) / (1024.0 * 1024.0);

            await Task.Delay(settle, cancellationToken).ConfigureAwait(false);
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            await Task.Delay(idle, cancellationToken).ConfigureAwait(false);
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / wall.Elapsed.TotalMilliseconds * 100;

            var changes = new List<double>();
            for (var k = 0; k < (quick ? 3 : 20); k++)
            {
                var index = (k * 7919) % files;
                var file = Path.Combine(root, "group" + (index / 100).ToString(System.Globalization.CultureInfo.InvariantCulture), $"file{index}.yaml");
                var start = Stopwatch.GetTimestamp();
                await File.WriteAllTextAsync(file, $"id: {index}\nname: changed-{k}\n", cancellationToken).ConfigureAwait(false);
                events.Next(ReloadEventType.ReloadSuccess, $"group{index / 100}/file{index}");
                changes.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            await system.Terminate().ConfigureAwait(false);
            var change = LatencySummary.Of(changes);
            var configuration = $"{files} files, one root";
            return
            [
                new BenchmarkRow(Name, configuration, "all tracked and applied", tracked.TotalMilliseconds, "ms", "≤ 5 s"),
                new BenchmarkRow(Name, configuration, "inotify instances", inotify, "", "≤ 1 per root"),
                new BenchmarkRow(Name, configuration, "memory over empty node", memory, "MB", "≤ 40 MB"),
                new BenchmarkRow(Name, configuration, $"idle CPU over {idle.TotalSeconds} s, {settle.TotalSeconds} s after tracking", cpu, "% of one core", "≤ 0.5 %"),
                new BenchmarkRow(Name, configuration, "change latency p50", change.P50, "ms"),
            ];
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static int InotifyInstances() =>
        new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos().Count(fd => fd.LinkTarget?.Contains("inotify", StringComparison.Ordinal) == true);

    private static long Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
