namespace HotReloadCluster.Benchmarks;

/// <summary>Write → applied on every subscriber of a 5-process cluster (2 source/registry, 3 subscribers, PostgreSQL).</summary>
public sealed class LatencyClusterScenario : IScenario
{
    /// <inheritdoc />
    public string Name => "latency-cluster";

    /// <inheritdoc />
    public string Description => "write → applied on all 3 subscribers of a 5-process cluster on 127.0.0.1";

    /// <inheritdoc />
    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var rows = new List<BenchmarkRow>();
        foreach (var debounce in quick ? new[] { "fixed:20" } : ["fixed:20", "fixed:1"])
        {
            using var store = BenchStore.PostgreSql();
            Directory.CreateDirectory(Path.Combine(store.Folder, "config"));
            var file = Path.Combine(store.Folder, "config", "settings.yaml");
            await File.WriteAllTextAsync(file, "revision: 0\n", cancellationToken).ConfigureAwait(false);
            using var cluster = new NodeCluster(store, "--debounce " + debounce);
            cluster.StartSource(0);
            cluster.StartSource(1);
            for (var i = 0; i < 3; i++)
            {
                cluster.StartSubscriber(i);
            }

            await cluster.WaitAllAsync(1, TimeSpan.FromSeconds(90), cancellationToken).ConfigureAwait(false);
            var samples = new List<double>();
            var writesAt = new List<(long Version, DateTimeOffset Written, DateTimeOffset Applied)>();
            var toSource = new List<double>();
            var reloadActor = new List<double>();
            var fanOut = new List<double>();
            var writes = quick ? 3 : 100;
            for (var v = 2; v <= writes + 1; v++)
            {
                var at = DateTimeOffset.UtcNow;
                await File.WriteAllTextAsync(file, $"revision: {v}\n", cancellationToken).ConfigureAwait(false);
                var applied = await cluster.WaitAllAsync(v, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
                samples.Add((applied - at).TotalMilliseconds);
                writesAt.Add((v, at, applied));

                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }

            // Where the time goes: the source prints the version when it is persisted (before the fan-out).
            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
            foreach (var (version, written, applied) in writesAt)
            {
                if (cluster.SourceAppliedAt(version) is var (persisted, reloadMs))
                {
                    toSource.Add((persisted - written).TotalMilliseconds);
                    reloadActor.Add(reloadMs);
                    fanOut.Add((applied - persisted).TotalMilliseconds);
                }
            }

            var summary = LatencySummary.Of(samples);
            var configuration = $"5 processes, PostgreSQL, debounce {debounce}";
            rows.Add(new BenchmarkRow(Name, configuration, "p50", summary.P50, "ms", "≤ 15 ms"));
            rows.Add(new BenchmarkRow(Name, configuration, "p99", summary.P99, "ms", "≤ 50 ms"));
            rows.Add(new BenchmarkRow(Name, configuration, "n", summary.Count, "writes"));
            rows.Add(new BenchmarkRow(Name, configuration, "breakdown: write → persisted on the source, p50", LatencySummary.Of(toSource).P50, "ms"));
            rows.Add(new BenchmarkRow(Name, configuration, "breakdown: of which in the ReloadActor (read → persisted), p50", LatencySummary.Of(reloadActor).P50, "ms"));
            rows.Add(new BenchmarkRow(Name, configuration, "breakdown: persisted → last subscriber applied, p50", LatencySummary.Of(fanOut).P50, "ms"));
        }

        return rows;
    }
}
