using HotReloadCluster.Benchmarks;

// dotnet run -c Release --project tests/HotReloadCluster.Benchmarks -- <scenario|all> [--quick] [--out <file.json>]
if (args is ["probe", var probeKind, var probeFolder])
{
    // A child process of the facade scenario.
    return await FacadeProbe.RunAsync(probeKind, probeFolder);
}

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

// Scenario by scenario, so that one failure neither hides the others' figures nor stops the run.
var rows = new List<BenchmarkRow>();
var failed = new List<string>();
foreach (var scenario in BenchmarkRunner.Scenarios.Where(s => names.Count == 0 || names.Contains(s.Name)))
{
    try
    {
        var scenarioRows = await BenchmarkRunner.RunAsync([scenario.Name], quick);
        rows.AddRange(scenarioRows);
        await Console.Error.WriteLineAsync($"done: {scenario.Name}");
    }
    catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or IOException or Npgsql.NpgsqlException or Akka.Actor.AskTimeoutException)
    {
        failed.Add(scenario.Name);
        await Console.Error.WriteLineAsync($"FAILED: {scenario.Name}: {ex.GetType().Name}: {ex.Message}");
    }
}

Console.WriteLine(BenchmarkRunner.Markdown(rows));
await BenchmarkRunner.WriteJsonAsync(rows, output);
if (failed.Count > 0)
{
    Console.WriteLine($"failed scenarios: {string.Join(", ", failed)}");
}

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024)} GiB; {DateTime.UtcNow:yyyy-MM-dd}; {(quick ? "quick mode; " : string.Empty)}JSON in {output}");
return failed.Count == 0 ? 0 : 1;
