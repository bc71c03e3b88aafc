using System.Diagnostics;
using Akka.Actor;
using HotReloadCluster.Core.Events;
using HotReloadCluster.Reloading;

namespace HotReloadCluster.Benchmarks;

/// <summary>Persisted versions per second across 100 topics (100 ReloadActors), SQLite and PostgreSQL.</summary>
public sealed class ThroughputScenario : IScenario
{
    /// <inheritdoc />
    public string Name => "throughput";

    /// <inheritdoc />
    public string Description => "applied (persisted) versions per second across 100 topics";

    /// <inheritdoc />
    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var topics = quick ? 10 : 100;
        var rounds = quick ? 3 : 20;
        var rows = new List<BenchmarkRow>();
        foreach (var (store, goal) in new (Func<BenchStore> Store, string Goal)[] { (BenchStore.Sqlite, "≥ 2,000/s"), (BenchStore.PostgreSql, "≥ 5,000/s") })
        {
            using var bench = store();
            var perSecond = await MeasureAsync(bench, topics, rounds, cancellationToken).ConfigureAwait(false);
            rows.Add(new BenchmarkRow(Name, $"{bench.Name}, {topics} topics × {rounds} rounds", "versions/s", perSecond, "/s", goal));
        }

        return rows;
    }

    private static async Task<double> MeasureAsync(BenchStore bench, int topics, int rounds, CancellationToken cancellationToken)
    {
        using var system = bench.CreateSystem();
        var events = new EventCollector(system);
        var actors = new IActorRef[topics];
        var files = new string[topics];
        for (var t = 0; t < topics; t++)
        {
            files[t] = Path.Combine(bench.Folder, $"topic{t}.yaml");
            await File.WriteAllTextAsync(files[t], $"topic: {t}\nrevision: 0\n", cancellationToken).ConfigureAwait(false);
            actors[t] = system.ActorOf(ReloadActor.Props($"topic{t}", files[t], new ReloadSettings()));
        }

        for (var t = 0; t < topics; t++)
        {
            events.Next(ReloadEventType.ReloadSuccess, null);
        }

        var clock = Stopwatch.StartNew();
        for (var r = 1; r <= rounds; r++)
        {
            for (var t = 0; t < topics; t++)
            {
                await File.WriteAllTextAsync(files[t], $"topic: {t}\nrevision: {r}\n", cancellationToken).ConfigureAwait(false);
                actors[t].Tell(new ReloadRequested($"topic{t}", files[t], ReloadTrigger.FileChanged));
            }

            for (var t = 0; t < topics; t++)
            {
                events.Next(ReloadEventType.ReloadSuccess, null);
            }
        }

        var elapsed = clock.Elapsed;
        await system.Terminate().ConfigureAwait(false);
        return topics * rounds / elapsed.TotalSeconds;
    }
}
