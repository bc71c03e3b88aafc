using CsCheck;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Parsing;

namespace HotReloadCluster.Core.Tests.Documents;

/// <summary>
/// Random documents, written as JSON, flatten to exactly what Microsoft.Extensions.Configuration.Json loads from that
/// JSON (and written as YAML, to the same pairs); the key-collision check fires exactly where that provider refuses the
/// JSON or silently drops a key.
/// </summary>
public sealed class FlattenPropertyTests
{
    private static readonly ConfigParser Parser = new();

    private static readonly Gen<string> Key = Gen.Frequency(
        (4, Gen.OneOf<string>("a", "A", "b", "B", "Logging", "logging", "LogLevel", "", "0", "1", "a:b", "A:0", ":", "with space", "ü", "Ü", "null", "true")),
        (1, Gen.String[Gen.Char[' ', '~'], 0, 6]));

    private static readonly Gen<ConfigNode> Scalar = Gen.Frequency(
        (3, Gen.String[Gen.Char[' ', '\u07FF'], 0, 8].Select(s => (ConfigNode)ConfigScalar.FromString(s))),
        (1, Gen.OneOf<string>("true", "1.50", "", "null", "0x1F", " ").Select(s => (ConfigNode)ConfigScalar.FromString(s))),
        (2, Gen.Long.Select(l => (ConfigNode)ConfigScalar.FromInteger(l))),
        (1, Gen.Double.Where(double.IsFinite).Select(d => (ConfigNode)ConfigScalar.FromFloat(d))),
        (2, Gen.OneOf<string>("1.50", "1e3", "-0", "1E+3", "0.1e-2", "3.0", "-2.5E-3", "123456789012345678901234567890").Select(s => (ConfigNode)ConfigScalar.FromJsonNumber(s))),
        (1, Gen.Bool.Select(b => (ConfigNode)ConfigScalar.FromBoolean(b))),
        (1, Gen.Const((ConfigNode)ConfigScalar.Null)));

    private static readonly Gen<ConfigMap> AnyRoot = Map(3).Select(node => (ConfigMap)node);

    [Fact]
    public void Flatten_RandomDocumentWrittenAsJson_GivesTheJsonProvidersPairs()
    {
        AnyRoot.Where(root => KeyCollision.Find(root) is null).Sample(
            root =>
            {
                var json = ConfigWriter.ToJson(new ConfigDocument(root));
                var expected = JsonProviderReference.Load(json);

                var parsed = Parser.Parse(json, ConfigFormat.Json).GetDocumentOrThrow();

                JsonProviderReference.AssertSamePairs(expected, parsed.Flatten(), json);
                JsonProviderReference.AssertSamePairs(expected, new ConfigDocument(root).Flatten(), json);
            },
            iter: 1000,
            print: root => ConfigWriter.ToJson(new ConfigDocument(root)));
    }

    [Fact]
    public void Flatten_RandomDocumentWrittenAsYaml_GivesTheJsonProvidersPairsForItsJson()
    {
        AnyRoot.Where(root => KeyCollision.Find(root) is null).Sample(
            root =>
            {
                var document = new ConfigDocument(root);
                var expected = JsonProviderReference.Load(ConfigWriter.ToJson(document));

                var parsed = Parser.Parse(ConfigWriter.ToYaml(document), ConfigFormat.Yaml).GetDocumentOrThrow();

                JsonProviderReference.AssertSamePairs(expected, parsed.Flatten(), ConfigWriter.ToYaml(document));
            },
            iter: 1000,
            print: root => ConfigWriter.ToYaml(new ConfigDocument(root)));
    }

    [Fact]
    public void ParseJson_RandomDocument_RefusesExactlyWhatTheJsonProviderRefusesOrSilentlyOverwrites()
    {
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        AnyRoot.Sample(
            root =>
            {
                var json = ConfigWriter.ToJson(new ConfigDocument(root));
                var keys = 0;
                ConfigurationKeys.Walk(root, (_, _, _) => ++keys > 0);
                var provider = Record.Exception(() => JsonProviderReference.Load(json)) is FormatException
                    ? "refuses"
                    : JsonProviderReference.Load(json).Count < keys ? "overwrites" : "accepts";

                var result = Parser.Parse(json, ConfigFormat.Json);

                Assert.Equal(provider != "accepts", result.Error?.Kind == ConfigErrorKind.KeyCollision);
                Assert.True(result.IsSuccess || result.Error.Kind == ConfigErrorKind.KeyCollision, result.ToString());
                seen.AddOrUpdate(provider, 1, (_, n) => n + 1);
            },
            iter: 2000,
            print: root => ConfigWriter.ToJson(new ConfigDocument(root)));

        // The generator must exercise all three outcomes, or the property proves little.
        Assert.All(["refuses", "overwrites", "accepts"], outcome => Assert.True(seen.GetValueOrDefault(outcome) > 0, string.Join(", ", seen)));
    }

    private static Gen<ConfigNode> Node(int depth) => depth == 0
        ? Scalar
        : Gen.Frequency((5, Scalar), (2, Map(depth - 1)), (1, Sequence(depth - 1)));

    private static Gen<ConfigNode> Map(int depth) =>
        Gen.Select(Key, Node(depth)).List[0, 5].Select(entries => (ConfigNode)ConfigMap.Create(
            entries.DistinctBy(e => e.Item1, StringComparer.Ordinal).Select(e => KeyValuePair.Create(e.Item1, e.Item2))));

    private static Gen<ConfigNode> Sequence(int depth) =>
        Node(depth).List[0, 4].Select(items => (ConfigNode)ConfigSequence.Create(items));
}
