using System.Diagnostics;
using HotReloadCluster.Core.Debouncing;
using HotReloadCluster.Diagnostics;
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
        await AddTelemetryOverheadAsync(rows, quick, shortest, cancellationToken).ConfigureAwait(false);
        Add(rows, "M.E.Configuration reloadOnChange, ReloadDelay 250 ms (default)", await PeerLatency.MeasureAsync(quick ? 3 : 50, 250, cancellationToken).ConfigureAwait(false), goal: false);
        Add(rows, "M.E.Configuration reloadOnChange, ReloadDelay 0", await PeerLatency.MeasureAsync(writes, 0, cancellationToken).ConfigureAwait(false), goal: false);
        return rows;
    }

    /// <summary>
    /// The same measurement without and with the HotReloadCluster meter and activity source listened to, alternating
    /// in rounds (a fresh facade each) so that the machine's drift falls on both alike.
    /// </summary>
    private async Task AddTelemetryOverheadAsync(List<BenchmarkRow> rows, bool quick, DebounceConfig debounce, CancellationToken cancellationToken)
    {
        var rounds = quick ? 1 : 4;
        var writesPerRound = quick ? 5 : 100;
        var off = new List<double>();
        var on = new List<double>();
        long measurements = 0, spans = 0;
        for (var round = 0; round < rounds; round++)
        {
            // Which goes first alternates too, so that neither always follows the other's leftovers (files, GC).
            if (round % 2 == 1)
            {
                off.AddRange(await LocalLatency.SamplesAsync(writesPerRound, debounce, cancellationToken).ConfigureAwait(false));
            }

            using (var listener = new TelemetryListener())
            {
                on.AddRange(await LocalLatency.SamplesAsync(writesPerRound, debounce, cancellationToken).ConfigureAwait(false));
                measurements += listener.Measurements;
                spans += listener.Spans;
            }

            if (round % 2 == 0)
            {
                off.AddRange(await LocalLatency.SamplesAsync(writesPerRound, debounce, cancellationToken).ConfigureAwait(false));
            }
        }

        var without = LatencySummary.Of(off);
        var with = LatencySummary.Of(on);
        Add(rows, $"hotreload ({debounce}), telemetry not listened (alternating rounds)", without, goal: false);
        Add(rows, $"hotreload ({debounce}), metrics + tracing listened (MeterListener, ActivityListener all-data)", with, goal: false);
        rows.Add(new BenchmarkRow(Name, "telemetry listened / not listened", "p50 ratio", with.P50 / without.P50 * 100, "%", "≤ 105 %"));
        rows.Add(new BenchmarkRow(Name, "telemetry listened / not listened", "mean ratio", with.Mean / without.Mean * 100, "%"));
        rows.Add(new BenchmarkRow(Name, "telemetry listened", "measurements", measurements, "count"));
        rows.Add(new BenchmarkRow(Name, "telemetry listened", "spans", spans, "count"));

        // The end-to-end ratio moves by tens of percent with the machine's load; the work itself, timed alone, does not.
        var perReload = InstrumentationMicroseconds(quick ? 1_000 : 50_000);
        rows.Add(new BenchmarkRow(Name, "telemetry work per reload, listened (3 spans, counter, histogram)", "mean", perReload, "µs"));
        rows.Add(new BenchmarkRow(Name, "telemetry work per reload / p50 not listened", "share", perReload / 1000 / without.P50 * 100, "%", "≤ 5 %"));
    }

    /// <summary>
    /// What one applied reload records on its node, listened to as above: the file event, reload and persist spans,
    /// the reload counter and duration histogram; mean µs over <paramref name="iterations"/>.
    /// </summary>
    private static double InstrumentationMicroseconds(int iterations)
    {
        using var telemetry = new HotReloadTelemetry();
        using var listener = new TelemetryListener();
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < iterations; i++)
        {
            var fileEvent = telemetry.Start(HotReloadInstruments.FileEventSpan, ActivityKind.Producer, null, "settings");
            HotReloadTelemetry.Stop(fileEvent);
            var reload = telemetry.Start(HotReloadInstruments.ReloadSpan, ActivityKind.Consumer, HotReloadTelemetry.TraceParentOf(fileEvent, null), "settings");
            var persist = telemetry.Start(HotReloadInstruments.PersistSpan, ActivityKind.Internal, reload?.Id, "settings");
            HotReloadTelemetry.Stop(persist);
            reload?.SetTag("hotreload.version", (long)i);
            telemetry.ReloadFinished("settings", "applied", 4.2);
            HotReloadTelemetry.Stop(reload, "applied");
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        if (listener.Spans < 3L * iterations)
        {
            throw new InvalidOperationException("the listener did not see the spans");
        }

        return elapsed.TotalMilliseconds * 1000 / iterations;
    }

    private void Add(List<BenchmarkRow> rows, string configuration, LatencySummary summary, bool goal)
    {
        rows.Add(new BenchmarkRow(Name, configuration, "p50", summary.P50, "ms", goal ? "≤ 5 ms" : null));
        rows.Add(new BenchmarkRow(Name, configuration, "p99", summary.P99, "ms", goal ? "≤ 20 ms" : null));
        rows.Add(new BenchmarkRow(Name, configuration, "max", summary.Max, "ms"));
        rows.Add(new BenchmarkRow(Name, configuration, "n", summary.Count, "writes"));
    }
}
