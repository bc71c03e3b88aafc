using System.Text.RegularExpressions;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HotReloadCluster.Tests.Readme;

/// <summary>Every C# sample in the README runs, and the README shows it as it is in <see cref="ReadmeSamples"/>.</summary>
public sealed partial class ReadmeSamplesSpecs : IDisposable
{
    private readonly TempDirectory _temp = new();

    public ReadmeSamplesSpecs()
    {
        _temp.Write("settings.yaml", "database:\n  host: db1\n  port: 5432\n  pool:\n    max_size: 20\n");
    }

    [Fact]
    public async Task Basic_ReadsTheConfig()
    {
        var settings = await ReadmeSamples.BasicAsync(_temp.Path);

        Assert.Equal(5432, ((ConfigScalar)settings!.Find("database:port")!).AsInteger());
    }

    [Fact]
    public async Task Handlers_SeeTheInitialVersion()
    {
        var lines = await ReadmeSamples.HandlersAsync(_temp.Path);

        Assert.Contains(lines, l => l.StartsWith("settings is now version 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validation_RejectsAndCounts()
    {
        var statistics = await ReadmeSamples.ValidationAsync(_temp.Path);

        // The manual reload rejects the file; the watcher may have seen and rejected the same save first.
        Assert.InRange(statistics.ValidationFailures, 1, 2);
        Assert.Equal(1, statistics.SuccessfulReloads);
    }

    [Fact]
    public async Task StatisticsAndRollback_CountsTheRollback()
    {
        var statistics = await ReadmeSamples.StatisticsAndRollbackAsync(_temp.Path);

        Assert.Equal(1, statistics.Rollbacks);
        Assert.Equal(2, statistics.SuccessfulReloads);
    }

    [Fact]
    public async Task OptionsMonitor_FollowsTheFile()
    {
        var lines = new List<string>();
        using var host = ReadmeSamples.OptionsMonitor(_temp.Path, lines);
        var database = host.Services.GetRequiredService<IOptionsMonitor<ReadmeSamples.DatabaseSettings>>();
        Assert.Equal(5432, database.CurrentValue.Port);

        await File.WriteAllTextAsync(_temp.File("settings.yaml"), "database:\n  host: db2\n  port: 5433\n");
        await WaitFor(() => database.CurrentValue.Port == 5433 && lines.Count > 0);

        // (Refused versions are covered by HotReloadFileProviderSpecs; here: the sample's handler saw the change once.)
        Assert.Equal(["database is now db2:5433"], lines);
    }

    [Fact]
    public void Readme_ShowsEverySampleVerbatim()
    {
        var root = NodeProcess.RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var source = File.ReadAllText(Path.Combine(root, "tests", "HotReloadCluster.Tests", "Readme", "ReadmeSamples.cs"));

        var samples = SampleRegex().Matches(source);

        Assert.Equal(5, samples.Count);
        foreach (Match sample in samples)
        {
            var code = Normalize(sample.Groups["code"].Value);
            Assert.True(Normalize(readme).Contains(code, StringComparison.Ordinal), $"README.md lacks sample '{sample.Groups["name"].Value}' as written in ReadmeSamples.cs");
        }
    }

    public void Dispose() => _temp.Dispose();

    private static async Task WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the options did not change in time");
            await Task.Delay(10);
        }
    }

    private static string Normalize(string code) =>
        string.Join('\n', code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    [GeneratedRegex(@"// sample: (?<name>[\w-]+)\n(?<code>.*?)\n\s*// end sample", RegexOptions.Singleline)]
    private static partial Regex SampleRegex();
}
