using HotReloadCluster.Benchmarks;

// dotnet run -c Release --project tests/HotReloadCluster.Benchmarks -- <scenario|all> [--quick] [--out <file.json>]
var quick = args.Contains("--quick");
var outIndex = Array.IndexOf(args, "--out");
var output = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : Path.Combine("artifacts", "benchmarks", "results.json");
var names = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (outIndex < 0 || i != outIndex + 1)).ToList();
if (names.Count == 0 || names.Contains("all"))
{
    names.Clear();
}

var unknown = names.Where(n => BenchmarkRunner.Scenarios.All(s => s.Name != n)).ToList();
if (unknown.Count > 0)
{
    await Console.Error.WriteLineAsync($"unknown scenario {string.Join(", ", unknown)}; known: all, {string.Join(", ", BenchmarkRunner.Scenarios.Select(s => s.Name))}");
    return 2;
}

var rows = await BenchmarkRunner.RunAsync(names, quick);
Console.WriteLine(BenchmarkRunner.Markdown(rows));
await BenchmarkRunner.WriteJsonAsync(rows, output);
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024)} GiB; {DateTime.UtcNow:yyyy-MM-dd}; {(quick ? "quick mode; " : string.Empty)}JSON in {output}");
return 0;
