using System.Collections.Concurrent;
using System.Diagnostics;
using HotReloadCluster.Core.Debouncing;
using HotReloadCluster.Core.Events;
using HotReloadCluster.Facade;
using HotReloadCluster.Hosting;

namespace HotReloadCluster.Benchmarks;

/// <summary>
/// File write → ReloadSuccess seen by an event handler of a single process (the ConfigHotReloader facade),
/// with the SQLite journal: one write at a time, each waiting for its version.
/// </summary>
public static class LocalLatency
{
    public static async Task<LatencySummary> MeasureAsync(int writes, DebounceConfig debounce, CancellationToken cancellationToken = default) =>
        LatencySummary.Of(await SamplesAsync(writes, debounce, cancellationToken).ConfigureAwait(false));

    /// <summary>The latency of each of <paramref name="writes"/> writes, in ms, from a fresh facade.</summary>
    public static async Task<IReadOnlyList<double>> SamplesAsync(int writes, DebounceConfig debounce, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(writes, 1);
        var folder = Path.Combine(Path.GetTempPath(), "hrc-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var file = Path.Combine(folder, "settings.yaml");
            await File.WriteAllTextAsync(file, Content(0), cancellationToken).ConfigureAwait(false);
            var applied = new BlockingCollection<(long Version, long At)>();
            await using var reloader = HotReloader.CreateHotReloader([file], o =>
            {
                o.Debounce = debounce;
                o.Persistence = HotReloadPersistence.Sqlite(Path.Combine(folder, ".data", "bench.db"));
            });
            reloader.AddEventHandler(e =>
            {
                if (e is { Type: ReloadEventType.ReloadSuccess, Version: { } version })
                {
                    applied.Add((version, Stopwatch.GetTimestamp()));
                }
            });
            await reloader.StartAsync(cancellationToken).ConfigureAwait(false);
            while (applied.TryTake(out _))
            {
            }

            var samples = new List<double>(writes);
            for (var i = 1; i <= writes; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await File.WriteAllTextAsync(file, Content(i), cancellationToken).ConfigureAwait(false);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(30));
                var (_, at) = applied.Take(timeout.Token);
                samples.Add(Stopwatch.GetElapsedTime(start, at).TotalMilliseconds);

                // Let the file settle so the next write starts a new burst.
                await Task.Delay(debounce.EffectiveBaseDelay + TimeSpan.FromMilliseconds(5), cancellationToken).ConfigureAwait(false);
            }

            return samples;
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

    private static string Content(int i) => $"service:\n  name: bench\n  revision: {i}\n  limits:\n    rps: {100 + i}\n";
}
