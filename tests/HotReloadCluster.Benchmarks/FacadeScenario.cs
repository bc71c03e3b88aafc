using System.Globalization;

namespace HotReloadCluster.Benchmarks;

/// <summary>
/// What reading two small files with hot reload adds to a fresh process (managed heap, resident memory, start time):
/// <c>AddHotReloadFile</c> and the <c>ConfigHotReloader</c> facade beside <c>AddJsonFile(reloadOnChange: true)</c>,
/// each in its own process, median of several.
/// </summary>
public sealed class FacadeScenario : IScenario
{
    /// <inheritdoc />
    public string Name => "facade";

    /// <inheritdoc />
    public string Description => "memory and start time added by AddHotReloadFile / the facade with two files, beside AddJsonFile";

    /// <inheritdoc />
    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "hrc-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "settings.json"), """{ "database": { "host": "db.local", "port": 5432 }, "features": { "beta": true } }""", cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(folder, "limits.json"), """{ "limits": { "requests": 100, "burst": 20 } }""", cancellationToken).ConfigureAwait(false);
            var runs = quick ? 1 : 5;
            var rows = new List<BenchmarkRow>();
            foreach (var (kind, label, goals) in new[]
            {
                ("hotreloadfile", "AddHotReloadFile ×2", true),
                ("facade", "ConfigHotReloader, 2 files (the shared minimal ActorSystem)", true),
                ("jsonfile", "peer: AddJsonFile(reloadOnChange: true) ×2", false),
                ("akka", "what dominates: a bare ActorSystem (no actors, no files)", false),
                ("facade-warm", "what dominates: the same start again in that process (code compiled, ActorSystem running); RSS is the whole process", false),
            })
            {
                var results = new List<FacadeProbe.Result>();
                for (var i = 0; i < runs; i++)
                {
                    results.Add(await FacadeProbe.InChildAsync(kind, folder, cancellationToken).ConfigureAwait(false));
                }

                rows.Add(new BenchmarkRow(Name, label, "managed heap added", Median(results.Select(r => r.HeapMb)), "MB", goals ? "≤ 10 MB" : null));
                rows.Add(new BenchmarkRow(Name, label, "RSS added", Median(results.Select(r => r.RssMb)), "MB", goals ? "≤ 25 MB" : null));
                rows.Add(new BenchmarkRow(Name, label, "start (fresh process)", Median(results.Select(r => r.StartMs)), "ms", goals ? "≤ 300 ms" : null));
            }

            return rows;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return Math.Round(sorted[sorted.Length / 2], 2, MidpointRounding.AwayFromZero);
    }
}
