using System.Diagnostics;
using System.Globalization;
using System.Text;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Parsing;

namespace HotReloadCluster.Core.Tests.Parsing;

[CollectionDefinition(nameof(ParsingPerformanceTests), DisableParallelization = true)]
[Collection(nameof(ParsingPerformanceTests))]
public sealed class ParsingPerformanceTests
{
    [Theory]
    [InlineData(ConfigFormat.Yaml)]
    [InlineData(ConfigFormat.Json)]
    public void Parse_OneMegabyteDocument_IsFastAndLinear(ConfigFormat format)
    {
        var text = format == ConfigFormat.Yaml ? BuildYaml(1_000_000) : ConfigWriter.ToJson(
            new ConfigParser().Parse(BuildYaml(1_000_000), ConfigFormat.Yaml).GetDocumentOrThrow());
        var parser = new ConfigParser();
        var bytes = Encoding.UTF8.GetBytes(text);
        parser.Parse(bytes, format); // warm-up (JIT)
        parser.Parse(bytes, format);

        var best = long.MaxValue;
        ConfigParseResult? result = null;
        for (var run = 0; run < 3; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            result = parser.Parse(bytes, format);
            best = Math.Min(best, stopwatch.ElapsedMilliseconds);
        }

        Assert.True(result!.IsSuccess, result.ToString());
        Assert.True(bytes.Length >= 1_000_000);
        Assert.True(result.Document.NodeCount > 50_000);

        // Release builds on an idle machine take tens of ms (YamlDotNet's scanner alone is about 50 ms/MB); the bound
        // is loose for Debug builds on shared CI machines and still catches quadratic behaviour (which takes seconds).
        Assert.True(best < 1000, $"{format}: {bytes.Length} bytes took {best} ms at best");
    }

    private static string BuildYaml(int minimumBytes)
    {
        var yaml = new StringBuilder();
        for (var i = 0; yaml.Length < minimumBytes; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"service_{i}:\n")
                .Append(CultureInfo.InvariantCulture, $"  host: \"host-{i}.internal\"\n")
                .Append(CultureInfo.InvariantCulture, $"  port: {1000 + (i % 60000)}\n")
                .Append(CultureInfo.InvariantCulture, $"  weight: {i / 7.0}\n")
                .Append("  enabled: true\n")
                .Append("  tags: [a, b, c]\n");
        }

        return yaml.ToString();
    }
}
