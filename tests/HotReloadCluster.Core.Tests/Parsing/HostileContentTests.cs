using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Parsing;

namespace HotReloadCluster.Core.Tests.Parsing;

/// <summary>Content that once parsed wrongly or threw: each case must give a document or a clear error with a position.</summary>
public sealed class HostileContentTests
{
    private readonly ConfigParser _parser = new();

    [Theory]
    [InlineData("42\n", "a single value '42'", 1, 1)]
    [InlineData("just some words\n", "a single value 'just some words'", 1, 1)]
    [InlineData("- a\n- b\n", "a sequence", 1, 1)]
    [InlineData("# comment\n[1, 2]\n", "a sequence", 2, 1)]
    [InlineData("~\n", "null", 1, 1)]
    [InlineData("---\n\"quoted\"\n", "a single value 'quoted'", 2, 1)]
    public void Parse_YamlTopLevelNotAMap_FailsWithPosition(string yaml, string found, int line, int column)
    {
        var result = _parser.Parse(yaml, ConfigFormat.Yaml, "x.yaml");

        Assert.False(result.IsSuccess);
        Assert.Equal(ConfigErrorKind.RootNotAMap, result.Error!.Kind);
        Assert.Contains("top level must be a map", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains(found, result.Error.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (result.Error.Line, result.Error.Column));
    }

    [Theory]
    [InlineData("42", "a single value '42'", 1, 1)]
    [InlineData("  \"text\"", "a single value 'text'", 1, 3)]
    [InlineData("[1, 2]", "a sequence", 1, 1)]
    [InlineData("// comment\n  null", "null", 2, 3)]
    [InlineData("true", "a single value 'true'", 1, 1)]
    public void Parse_JsonTopLevelNotAMap_FailsWithPosition(string json, string found, int line, int column)
    {
        var result = _parser.Parse(json, ConfigFormat.Json, "x.json");

        Assert.False(result.IsSuccess);
        Assert.Equal(ConfigErrorKind.RootNotAMap, result.Error!.Kind);
        Assert.Contains(found, result.Error.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (result.Error.Line, result.Error.Column));
    }

    [Theory]
    [InlineData("""{"a": "caf\u00e9 \ud83d"}""")]
    [InlineData("""{"\uDFAA": 0}""")]
    [InlineData("""{"a": "\udc00\ud800"}""")]
    [InlineData("""{"a": ["\ud800x"]}""")]
    public void Parse_JsonLoneSurrogateEscape_IsASyntaxErrorNotAnException(string json)
    {
        var result = _parser.Parse(Encoding.UTF8.GetBytes(json), ConfigFormat.Json, "x.json");

        Assert.False(result.IsSuccess);
        Assert.Equal(ConfigErrorKind.Syntax, result.Error!.Kind);
        Assert.Contains("lone UTF-16 surrogate", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(1, result.Error.Line);
    }

    [Fact]
    public void Parse_JsonValidSurrogatePair_IsKept()
    {
        var result = _parser.Parse("""{"a": "\ud83d\ude00"}""", ConfigFormat.Json);

        Assert.Equal("\U0001F600", ((ConfigScalar)result.GetDocumentOrThrow().Find("a")!).Text);
    }

    [Theory]
    [InlineData("jobs:\n  0 * * * *: hourly\n  30 2 * * *: nightly\n", 2, 3)]
    [InlineData("a *: 1\n", 1, 1)]
    [InlineData("list:\n  - a *b: 1\n", 2, 5)]
    [InlineData("k: {a *b: 1}\n", 1, 5)]
    [InlineData("k: a *b: c\n", 1, 4)]
    public void Parse_YamlStarWordBeforeColon_IsRefusedNeverMisread(string yaml, int line, int column)
    {
        var result = _parser.Parse(yaml, ConfigFormat.Yaml, "jobs.yaml");

        Assert.False(result.IsSuccess, "applied a misread: " + result);
        Assert.Equal(ConfigErrorKind.Syntax, result.Error!.Kind);
        Assert.Contains("quote the key", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (result.Error.Line, result.Error.Column));
    }

    [Fact]
    public void Parse_YamlQuotedCronKeys_AreAMap()
    {
        var document = _parser.Parse("jobs:\n  \"0 * * * *\": hourly\n  '30 2 * * *': nightly\n", ConfigFormat.Yaml).GetDocumentOrThrow();

        var jobs = Assert.IsType<ConfigMap>(document.Find("jobs"));
        Assert.Equal("hourly", ((ConfigScalar)jobs["0 * * * *"]).Text);
        Assert.Equal("nightly", ((ConfigScalar)jobs["30 2 * * *"]).Text);
    }

    [Theory]
    [InlineData("x * y: 1\n", "x * y", "1")]
    [InlineData("x: 1\ny *z: 2\n", "y *z", "2")]
    [InlineData("a*: 1\n", "a*", "1")]
    [InlineData("k: a *b\n", "k", "a *b")]
    [InlineData("k: 2 * 3 = 6\n", "k", "2 * 3 = 6")]
    [InlineData("url: http://example.com:8080/x\n", "url", "http://example.com:8080/x")]
    [InlineData("time: 12:30\n", "time", "12:30")]
    [InlineData("k: a\n  b\n", "k", "a b")]
    public void Parse_YamlStarsAndColonsThatAreFine_StillParse(string yaml, string key, string value)
    {
        var document = _parser.Parse(yaml, ConfigFormat.Yaml).GetDocumentOrThrow();

        Assert.Equal(value, ((ConfigScalar)((ConfigMap)document.Root)[key]).Text);
    }

    [Fact]
    public void Parse_YamlAliasValues_StillResolve()
    {
        var document = _parser.Parse("base: &b 5\ncopy: *b\nlist: [*b, *b]\n", ConfigFormat.Yaml).GetDocumentOrThrow();

        Assert.Equal(ConfigScalar.FromInteger(5), document.Find("copy"));
        Assert.Equal(ConfigScalar.FromInteger(5), document.Find("list:1"));
    }

    [Theory]
    [InlineData(ConfigFormat.Yaml, "big: 18446744073709551615\nneg: -99999999999999999999999\n")]
    [InlineData(ConfigFormat.Json, """{"big": 18446744073709551615, "neg": -99999999999999999999999}""")]
    public void ToJsonNodeAndFlatten_IntegersBeyondInt64_KeepEveryDigit(ConfigFormat format, string text)
    {
        var document = _parser.Parse(text, format).GetDocumentOrThrow();

        var json = document.ToJsonNode()!.AsObject();
        Assert.Equal("18446744073709551615", json["big"]!.ToJsonString());
        Assert.Equal("-99999999999999999999999", json["neg"]!.ToJsonString());
        Assert.Equal(JsonValueKind.Number, json["big"]!.GetValueKind());
        var flat = document.Flatten().ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("18446744073709551615", flat["big"]);
        Assert.Equal("-99999999999999999999999", flat["neg"]);
        Assert.Equal(System.Numerics.BigInteger.Parse("18446744073709551615", System.Globalization.CultureInfo.InvariantCulture), ((ConfigScalar)document.Find("big")!).AsBigInteger());
        Assert.Throws<OverflowException>(() => ((ConfigScalar)document.Find("big")!).AsInteger());
    }

    [Theory]
    [InlineData(ConfigFormat.Yaml, "x: 1e400\n")]
    [InlineData(ConfigFormat.Yaml, "x: -2.5e999\n")]
    [InlineData(ConfigFormat.Yaml, "x: !!float 1e400\n")]
    [InlineData(ConfigFormat.Json, """{"x": 1e400}""")]
    [InlineData(ConfigFormat.Json, """{"x": [-1.7976931348623157e309]}""")]
    public void Parse_FloatBeyondDouble_IsAnErrorNeverInfinity(ConfigFormat format, string text)
    {
        var result = _parser.Parse(text, format);

        Assert.False(result.IsSuccess, result.ToString());
        Assert.Contains("out of range", result.Error!.Message, StringComparison.Ordinal);
        Assert.NotNull(result.Error.Line);
    }

    [Fact]
    public void ToJsonNode_ExplicitInfinityLiteral_IsTheOnlyInfinity()
    {
        var document = _parser.Parse("x: .inf\ny: 1.5e300\n", ConfigFormat.Yaml).GetDocumentOrThrow();

        var json = document.ToJsonNode()!.AsObject();
        Assert.Equal(JsonValueKind.String, json["x"]!.GetValueKind());
        Assert.Equal(JsonValueKind.Number, json["y"]!.GetValueKind());
    }
}
