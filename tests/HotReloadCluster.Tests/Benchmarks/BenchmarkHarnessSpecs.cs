using HotReloadCluster.Benchmarks;
using HotReloadCluster.Tests.Support;

namespace HotReloadCluster.Tests.Benchmarks;

/// <summary>
/// Every benchmark scenario runs in quick mode and produces its figures, so the harness cannot rot. How fast
/// anything is stays out of the tests: that is what the harness itself reports.
/// </summary>
public sealed class BenchmarkHarnessSpecs : IDisposable
{
    private readonly TempDirectory _temp = new();

    public static TheoryData<string> Scenarios() => [.. BenchmarkRunner.Scenarios.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Scenario_QuickMode_ProducesFigures(string name)
    {
        var rows = await BenchmarkRunner.RunAsync([name], quick: true);

        Assert.NotEmpty(rows);
        Assert.All(rows, row =>
        {
            Assert.Equal(name, row.Scenario);
            // A heap delta in a fresh process can come out a little below zero under load (the baseline's full GC still
            // counted start-up garbage that a later one freed: -1.15 MB once in a clean-clone run); the README's figure
            // is a median of five. Every other figure is a count, a time or a size and is never negative.
            var floor = row.Metric.Contains("heap added", StringComparison.Ordinal) ? -2 : 0;
            Assert.True(double.IsFinite(row.Value) && row.Value >= floor, $"{row.Configuration} {row.Metric} = {row.Value}");
        });
        var json = Path.Combine(_temp.Path, name + ".json");
        await BenchmarkRunner.WriteJsonAsync(rows, json);
        Assert.Contains(name, await File.ReadAllTextAsync(json), StringComparison.Ordinal);
        Assert.Contains("| " + name + " |", BenchmarkRunner.Markdown(rows), StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
