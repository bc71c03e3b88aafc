using CsCheck;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Parsing;

namespace HotReloadCluster.Core.Tests.Parsing;

/// <summary>Random documents survive ToYaml/ToJson and parsing unchanged; random damage never makes the parser throw.</summary>
public sealed class RoundTripPropertyTests
{
    private static readonly ConfigParser Parser = new();

    private static readonly Gen<char> UnicodeChar = Gen.Frequency(
        (6, Gen.Char[' ', '~']),
        (2, Gen.Char['\u00A0', '\uD7FF']),
        (1, Gen.Char['\uE000', '\uFFFF']),
        (1, Gen.Char['\0', '\u001F']));

    private static readonly Gen<string> Text = Gen.Frequency(
        (3, Gen.OneOf<string>(
            "true", "False", "TRUE", "null", "Null", "~", "", "123", "-1", "+1", "007", "0x1F", "0o17", "1e3", "1.5", "-.5",
            ".inf", "-.inf", ".nan", "yes", "No", "on", "off", "y", "- x", "-", ":", "a: b", "a:b", "#", "a #b", " a", "a ",
            "'q'", "\"q\"", "\n", "a\nb", "a\r\nb", "\t", "\\", "<<", "&a", "*a", "!tag", "!!str", "%x", "@x", "`x", "{}", "[]",
            "{a: 1}", "?", "? x", "|", ">", "${DB_HOST}", "${X:-y}", "---", "...", "ü", "日本語", "😀", "a😀b", "\u0085", "\u2028",
            "\uFEFF", "\u007F", "\u0001", "\uFFFE", "key with spaces", "über-straße", "1:30", "2001-12-14", "=", "0.0.0.0")),
        (2, Gen.String[Gen.Char[' ', '~'], 0, 12]),
        (1, Gen.String[UnicodeChar, 0, 8]));

    private static readonly Gen<ConfigNode> Scalar = Gen.Frequency(
        (4, Text.Select(s => (ConfigNode)ConfigScalar.FromString(s))),
        (2, Gen.Long.Select(l => (ConfigNode)ConfigScalar.FromInteger(l))),
        (1, Gen.Int[-1000, 1000].Select(l => (ConfigNode)ConfigScalar.FromInteger(l))),
        (1, Gen.ULong.Select(u => (ConfigNode)ConfigScalar.FromInteger(new System.Numerics.BigInteger(u) * u))),
        (2, Gen.Double.Where(double.IsFinite).Select(d => (ConfigNode)ConfigScalar.FromFloat(d))),
        (1, Gen.Int[-100, 100].Select(i => (ConfigNode)ConfigScalar.FromFloat(i / 4.0))),
        (1, Gen.Bool.Select(b => (ConfigNode)ConfigScalar.FromBoolean(b))),
        (1, Gen.Const((ConfigNode)ConfigScalar.Null)));

    // A configuration file's top level is a map (the parser refuses anything else); big integers keep every digit.
    // The parser also refuses keys that collide as IConfiguration keys ("Null" and "null", or "a:b" and a → b).
    private static readonly Gen<ConfigDocument> Documents = Map(3)
        .Where(root => KeyCollision.Find(root) is null)
        .Select(root => new ConfigDocument(root));

    [Fact]
    public void ToYaml_RandomDocument_ParsesBackEqual()
    {
        Documents.Sample(
            document => Assert.Equal(document, Reparse(ConfigWriter.ToYaml(document), ConfigFormat.Yaml)),
            iter: 2000,
            print: ConfigWriter.ToYaml);
    }

    [Fact]
    public void ToJson_RandomDocument_ParsesBackEqual()
    {
        Documents.Sample(
            document =>
            {
                Assert.Equal(document, Reparse(ConfigWriter.ToJson(document), ConfigFormat.Json));
                Assert.Equal(document, Reparse(ConfigWriter.ToJson(document, indented: false), ConfigFormat.Json));
            },
            iter: 2000,
            print: d => ConfigWriter.ToJson(d));
    }

    [Fact]
    public void ToYamlThenToJson_RandomDocument_ParsesBackEqual()
    {
        Documents.Sample(
            document =>
            {
                var fromYaml = Reparse(ConfigWriter.ToYaml(document), ConfigFormat.Yaml);
                var fromJson = Reparse(ConfigWriter.ToJson(fromYaml), ConfigFormat.Json);
                Assert.Equal(document, fromJson);
                Assert.Equal(ConfigWriter.ToYaml(document), ConfigWriter.ToYaml(fromJson));
            },
            iter: 1000,
            print: ConfigWriter.ToYaml);
    }

    [Theory]
    [InlineData(ConfigFormat.Yaml)]
    [InlineData(ConfigFormat.Json)]
    public void Parse_RandomlyDamagedText_NeverThrows(ConfigFormat format)
    {
        var original = format == ConfigFormat.Yaml ? SampleSettings.Yaml : ConfigWriter.ToJson(SampleSettings.Expected);
        var edits = Gen.Select(Gen.Int[0, original.Length], Gen.Int[0, 3], Gen.OneOf<string>("[", "]", "{", "}", ":", ",", "-", "?", "&a", "*a", "!", "|", ">", "'", "\"", "#", "\n", "  ", "\t", "<<", "---", "\\", "/*", "\u00e9", "\0"));
        var damaged = edits.List[1, 6].Select(list =>
        {
            var text = original;
            foreach (var (position, deleted, inserted) in list)
            {
                var at = Math.Min(position, text.Length);
                text = text.Remove(at, Math.Min(deleted, text.Length - at)).Insert(at, inserted);
            }

            return text;
        });

        damaged.Sample(
            text =>
            {
                var result = Parser.Parse(text, format, "fuzz");
                Assert.True(result.IsSuccess || result.Error is { Message.Length: > 0 });
                if (result.Error is { Kind: not (ConfigErrorKind.Empty or ConfigErrorKind.LimitExceeded) } error)
                {
                    Assert.True(error.Line is null or > 0 && error.Column is null or > 0, error.ToString());
                }
            },
            iter: 3000,
            print: t => t);
    }

    private static ConfigDocument Reparse(string text, ConfigFormat format)
    {
        var result = Parser.Parse(text, format);
        Assert.True(result.IsSuccess, result + "\n" + text);
        return result.Document;
    }

    private static Gen<ConfigNode> Node(int depth) => depth == 0
        ? Scalar
        : Gen.Frequency((5, Scalar), (1, Map(depth - 1)), (1, Sequence(depth - 1)));

    private static Gen<ConfigNode> Map(int depth) =>
        Gen.Select(Text, Node(depth)).List[0, 6].Select(entries => (ConfigNode)ConfigMap.Create(
            entries.DistinctBy(e => e.Item1, StringComparer.Ordinal).Select(e => KeyValuePair.Create(e.Item1, e.Item2))));

    private static Gen<ConfigNode> Sequence(int depth) =>
        Node(depth).List[0, 5].Select(items => (ConfigNode)ConfigSequence.Create(items));
}
