using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HotReloadCluster.Benchmarks;

/// <summary>
/// What an application sees: file write → <c>IOptionsMonitor&lt;T&gt;.OnChange</c> with the new value, through a host's
/// IConfiguration; <c>AddHotReloadFile</c> (defaults, and with options validation) beside
/// <c>AddJsonFile(reloadOnChange: true)</c> (defaults), one write at a time, in the same run.
/// </summary>
public sealed class OptionsLatencyScenario : IScenario
{
    /// <inheritdoc />
    public string Name => "options-latency";

    /// <inheritdoc />
    public string Description => "file write → IOptionsMonitor<T>.OnChange: AddHotReloadFile beside AddJsonFile(reloadOnChange: true)";

    /// <inheritdoc />
    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var writes = quick ? 5 : 100;
        var rows = new List<BenchmarkRow>();
        var ours = await MeasureAsync("hotreload", writes, validate: false, cancellationToken).ConfigureAwait(false);
        var validated = await MeasureAsync("hotreload", writes, validate: true, cancellationToken).ConfigureAwait(false);
        var peer = await MeasureAsync("json", quick ? 3 : 30, validate: false, cancellationToken).ConfigureAwait(false);
        Add(rows, "AddHotReloadFile (defaults: 5 ms debounce, in-memory journal)", ours, peer);
        Add(rows, "AddHotReloadFile + AddHotReloadOptions<T>().ValidateDataAnnotations()", validated, peer);
        Add(rows, "peer: AddJsonFile(reloadOnChange: true), defaults (250 ms)", peer, null);
        return rows;
    }

    private void Add(List<BenchmarkRow> rows, string configuration, LatencySummary summary, LatencySummary? peer)
    {
        rows.Add(new BenchmarkRow(Name, configuration, "p50", summary.P50, "ms", peer is null ? null : $"≤ {(peer.P50 / 20).ToString("0.0", CultureInfo.InvariantCulture)} ms (20× faster than the peer)"));
        rows.Add(new BenchmarkRow(Name, configuration, "p99", summary.P99, "ms"));
        if (peer is not null)
        {
            rows.Add(new BenchmarkRow(Name, configuration, "peer p50 / p50", Math.Round(peer.P50 / summary.P50, 1), "×", "≥ 20×"));
        }
    }

    private static async Task<LatencySummary> MeasureAsync(string kind, int writes, bool validate, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "hrc-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "settings.json");
        await File.WriteAllTextAsync(file, Content(0), cancellationToken).ConfigureAwait(false);
        try
        {
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            if (kind == "json")
            {
                builder.Configuration.AddJsonFile(file, optional: false, reloadOnChange: true);
            }
            else
            {
                builder.Configuration.AddHotReloadFile(file);
            }

            if (validate)
            {
                builder.Services.AddHotReloadOptions<ServiceOptions>("service").ValidateDataAnnotations();
            }
            else
            {
                builder.Services.Configure<ServiceOptions>(builder.Configuration.GetSection("service"));
            }

            using var host = builder.Build();
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            var monitor = host.Services.GetRequiredService<IOptionsMonitor<ServiceOptions>>();
            var changes = new BlockingCollection<(int Revision, long At)>();
            using var listener = monitor.OnChange(o => changes.Add((o.Revision, Stopwatch.GetTimestamp())));
            var samples = new List<double>(writes);
            for (var i = 1; i <= writes; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await File.WriteAllTextAsync(file, Content(i), cancellationToken).ConfigureAwait(false);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(30));
                while (true)
                {
                    // The peer may call OnChange twice per save; the sample is the first call with the new value.
                    var (revision, at) = changes.Take(timeout.Token);
                    if (revision == i)
                    {
                        samples.Add(Stopwatch.GetElapsedTime(start, at).TotalMilliseconds);
                        break;
                    }
                }

                // Let a second notification of the same save (the peer's) arrive before the next write.
                await Task.Delay(kind == "json" ? 300 : 20, cancellationToken).ConfigureAwait(false);
                while (changes.TryTake(out _))
                {
                }
            }

            await host.StopAsync(cancellationToken).ConfigureAwait(false);
            return LatencySummary.Of(samples);
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

    private static string Content(int i) =>
        "{\"service\": {\"name\": \"bench\", \"revision\": " + i.ToString(CultureInfo.InvariantCulture) + ", \"limits\": {\"rps\": " + (100 + i).ToString(CultureInfo.InvariantCulture) + "}}}";

    /// <summary>The options the benchmark binds.</summary>
    public sealed class ServiceOptions
    {
        [System.ComponentModel.DataAnnotations.Required]
        public string Name { get; set; } = string.Empty;

        public int Revision { get; set; }
    }
}
