using System.Globalization;
using System.Text.Json;
using HotReloadCluster.Benchmarks;
using HotReloadCluster.Core.Debouncing;
using HotReloadCluster.Hosting;

// Usage: dotnet run -c Release --project tests/HotReloadCluster.Benchmarks -- latency-local [--writes N] [--quick]
var scenario = args.FirstOrDefault() ?? "latency-local";
var quick = args.Contains("--quick");
var writesIndex = Array.IndexOf(args, "--writes");
var writes = writesIndex >= 0 && writesIndex + 1 < args.Length ? int.Parse(args[writesIndex + 1], CultureInfo.InvariantCulture) : quick ? 5 : 50;

if (scenario is not ("latency-local" or "all"))
{
    await Console.Error.WriteLineAsync($"unknown scenario '{scenario}'; known: latency-local, all");
    return 2;
}

var rows = new List<(string Name, LatencySummary Summary)>();
var nodeDefault = HotReloadOptions.DefaultDebounce;
rows.Add(($"hotreload, node default ({nodeDefault})", await LocalLatency.MeasureAsync(writes, nodeDefault)));
var shortest = DebounceConfig.Fixed(TimeSpan.FromMilliseconds(1));
rows.Add(($"hotreload, shortest ({shortest})", await LocalLatency.MeasureAsync(writes, shortest)));

Console.WriteLine($"## latency-local: file write → ReloadSuccess in a handler ({writes} writes, SQLite journal)");
Console.WriteLine();
Console.WriteLine("| configuration | n | p50 ms | p99 ms | max ms |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var (name, s) in rows)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {s.Count} | {s.P50:0.00} | {s.P99:0.00} | {s.Max:0.00} |"));
}

var output = Path.Combine("artifacts", "benchmarks", "latency-local.json");
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
await File.WriteAllTextAsync(output, JsonSerializer.Serialize(rows.Select(r => new { r.Name, r.Summary }), new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine();
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024)} GiB, {DateTime.UtcNow:yyyy-MM-dd}; results in {output}");
return 0;
