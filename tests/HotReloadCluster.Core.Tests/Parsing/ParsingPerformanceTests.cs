using System.Globalization;
using System.Text;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Parsing;

namespace HotReloadCluster.Core.Tests.Parsing;

/// <summary>
/// A 1 MB document parses correctly in both formats. How fast is the benchmark harness's business
/// (tests/HotReloadCluster.Benchmarks), not a timed test's.
/// </summary>
public sealed class ParsingPerformanceTests
{
    [Theory]
    [InlineData(ConfigFormat.Yaml)]
    [InlineData(ConfigFormat.Json)]
    public void Parse_OneMegabyteDocument_Succeeds(ConfigFormat format)
    {
        var text = format == ConfigFormat.Yaml ? BuildYaml(1_000_000) : ConfigWriter.ToJson(
            new ConfigParser().Parse(BuildYaml(1_000_000), ConfigFormat.Yaml).GetDocumentOrThrow());
        var parser = new ConfigParser();
        var bytes = Encoding.UTF8.GetBytes(text);

        var result = parser.Parse(bytes, format);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.True(bytes.Length >= 1_000_000);
        Assert.True(result.Document.NodeCount > 50_000);
        Assert.Equal(result.Document, parser.Parse(Encoding.UTF8.GetBytes(format == ConfigFormat.Yaml ? ConfigWriter.ToYaml(result.Document) : ConfigWriter.ToJson(result.Document)), format).Document);
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
