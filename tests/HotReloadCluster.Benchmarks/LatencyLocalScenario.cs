using HotReloadCluster.Core.Debouncing;
using HotReloadCluster.Hosting;

namespace HotReloadCluster.Benchmarks;

/// <summary>File write → ReloadSuccess on the same node, beside M.E.Configuration reloadOnChange.</summary>
public sealed class LatencyLocalScenario : IScenario
{
    /// <inheritdoc />
    public string Name => "latency-local";

    /// <inheritdoc />
    public string Description => "file write → ReloadSuccess in a handler (SQLite journal), and the M.E.Configuration peer";

    /// <inheritdoc />
    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var writes = quick ? 5 : 200;
        var rows = new List<BenchmarkRow>();
        var nodeDefault = HotReloadOptions.DefaultDebounce;
        var shortest = DebounceConfig.Fixed(TimeSpan.FromMilliseconds(1));
        Add(rows, $"hotreload, node default ({nodeDefault})", await LocalLatency.MeasureAsync(writes, nodeDefault, cancellationToken).ConfigureAwait(false), goal: true);
        Add(rows, $"hotreload, shortest safe ({shortest})", await LocalLatency.MeasureAsync(writes, shortest, cancellationToken).ConfigureAwait(false), goal: true);
        Add(rows, "M.E.Configuration reloadOnChange, ReloadDelay 250 ms (default)", await PeerLatency.MeasureAsync(quick ? 3 : 50, 250, cancellationToken).ConfigureAwait(false), goal: false);
        Add(rows, "M.E.Configuration reloadOnChange, ReloadDelay 0", await PeerLatency.MeasureAsync(writes, 0, cancellationToken).ConfigureAwait(false), goal: false);
        return rows;
    }

    private void Add(List<BenchmarkRow> rows, string configuration, LatencySummary summary, bool goal)
    {
        rows.Add(new BenchmarkRow(Name, configuration, "p50", summary.P50, "ms", goal ? "≤ 5 ms" : null));
        rows.Add(new BenchmarkRow(Name, configuration, "p99", summary.P99, "ms", goal ? "≤ 20 ms" : null));
        rows.Add(new BenchmarkRow(Name, configuration, "max", summary.Max, "ms"));
        rows.Add(new BenchmarkRow(Name, configuration, "n", summary.Count, "writes"));
    }
}
