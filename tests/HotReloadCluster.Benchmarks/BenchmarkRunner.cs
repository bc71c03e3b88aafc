using System.Globalization;
using System.Text;
using System.Text.Json;

namespace HotReloadCluster.Benchmarks;

/// <summary>Runs scenarios and reports them as a markdown table and a JSON file.</summary>
public static class BenchmarkRunner
{
    /// <summary>The scenarios this harness has.</summary>
    public static IReadOnlyList<IScenario> Scenarios { get; } =
    [
        new LatencyLocalScenario(),
        new ReloadTimeScenario(),
        new ThroughputScenario(),
        new ScaleFilesScenario(),
        new FanoutScenario(),
        new LatencyClusterScenario(),
        new FailoverScenario(),
        new VersionsScenario(),
        new FacadeScenario(),
        new OptionsLatencyScenario(),
    ];

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Runs <paramref name="names"/> (or all) and returns every row.</summary>
    public static async Task<IReadOnlyList<BenchmarkRow>> RunAsync(IReadOnlyCollection<string> names, bool quick, CancellationToken cancellationToken = default)
    {
        var rows = new List<BenchmarkRow>();
        foreach (var scenario in Scenarios.Where(s => names.Count == 0 || names.Contains(s.Name)))
        {
            rows.AddRange(await scenario.RunAsync(quick, cancellationToken).ConfigureAwait(false));
        }

        return rows;
    }

    /// <summary>The rows as a markdown table.</summary>
    public static string Markdown(IEnumerable<BenchmarkRow> rows)
    {
        var text = new StringBuilder("| scenario | configuration | figure | value | goal |\n|---|---|---|---|---|\n");
        foreach (var row in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {row.Scenario} | {row.Configuration} | {row.Metric} | {row.Value:0.##} {row.Unit} | {row.Goal} |\n");
        }

        return text.ToString();
    }

    /// <summary>Writes the rows as JSON.</summary>
    public static async Task WriteJsonAsync(IEnumerable<BenchmarkRow> rows, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(rows, Json)).ConfigureAwait(false);
    }
}
