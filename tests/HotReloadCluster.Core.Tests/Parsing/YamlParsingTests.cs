using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Parsing;

namespace HotReloadCluster.Core.Tests.Parsing;

public sealed class YamlParsingTests
{
    private readonly ConfigParser _parser = new();

    [Theory]
    [InlineData("42", ScalarKind.Integer, "42")]
    [InlineData("-17", ScalarKind.Integer, "-17")]
    [InlineData("+5", ScalarKind.Integer, "5")]
    [InlineData("007", ScalarKind.Integer, "7")]
    [InlineData("0o17", ScalarKind.Integer, "15")]
    [InlineData("0x1F", ScalarKind.Integer, "31")]
    [InlineData("0xff", ScalarKind.Integer, "255")]
    [InlineData("9223372036854775807", ScalarKind.Integer, "9223372036854775807")]
    [InlineData("-9223372036854775808", ScalarKind.Integer, "-9223372036854775808")]
    [InlineData("9223372036854775808", ScalarKind.Integer, "9223372036854775808")]
    [InlineData("18446744073709551615", ScalarKind.Integer, "18446744073709551615")]
    [InlineData("+0018446744073709551615", ScalarKind.Integer, "18446744073709551615")]
    [InlineData("0x8000000000000000", ScalarKind.Integer, "9223372036854775808")]
    [InlineData("0o1777777777777777777777", ScalarKind.Integer, "18446744073709551615")]
    [InlineData("0o8", ScalarKind.String, "0o8")]
    [InlineData("-0x1F", ScalarKind.String, "-0x1F")]
    [InlineData("0b101", ScalarKind.String, "0b101")]
    [InlineData("1_000", ScalarKind.String, "1_000")]
    [InlineData("1.5", ScalarKind.Float, "1.5")]
    [InlineData("-.5", ScalarKind.Float, "-0.5")]
    [InlineData("1.", ScalarKind.Float, "1.0")] // not a JSON literal: canonical float text
    [InlineData("1e3", ScalarKind.Float, "1e3")] // a JSON literal keeps its text
    [InlineData("1.50", ScalarKind.Float, "1.50")]
    [InlineData("-0", ScalarKind.Integer, "-0")]
    [InlineData("2.5E-3", ScalarKind.Float, "2.5E-3")]
    [InlineData(".inf", ScalarKind.Float, "Infinity")]
    [InlineData("+.Inf", ScalarKind.Float, "Infinity")]
    [InlineData("-.INF", ScalarKind.Float, "-Infinity")]
    [InlineData(".nan", ScalarKind.Float, "NaN")]
    [InlineData(".NaN", ScalarKind.Float, "NaN")]
    [InlineData("e3", ScalarKind.String, "e3")]
    [InlineData(".", ScalarKind.String, ".")]
    [InlineData("~", ScalarKind.Null, "")]
    [InlineData("null", ScalarKind.Null, "")]
    [InlineData("Null", ScalarKind.Null, "")]
    [InlineData("NULL", ScalarKind.Null, "")]
    [InlineData("nUll", ScalarKind.String, "nUll")]
    [InlineData("true", ScalarKind.Boolean, "true")]
    [InlineData("True", ScalarKind.Boolean, "true")]
    [InlineData("TRUE", ScalarKind.Boolean, "true")]
    [InlineData("false", ScalarKind.Boolean, "false")]
    [InlineData("False", ScalarKind.Boolean, "false")]
    [InlineData("FALSE", ScalarKind.Boolean, "false")]
    [InlineData("tRUE", ScalarKind.String, "tRUE")]
    [InlineData("yes", ScalarKind.String, "yes")]
    [InlineData("on", ScalarKind.String, "on")]
    [InlineData("${DB_HOST}", ScalarKind.String, "${DB_HOST}")]
    [InlineData("'42'", ScalarKind.String, "42")]
    [InlineData("\"true\"", ScalarKind.String, "true")]
    [InlineData("'null'", ScalarKind.String, "null")]
    [InlineData("''", ScalarKind.String, "")]
    [InlineData("\"1e3\"", ScalarKind.String, "1e3")]
    [InlineData("|\n  42", ScalarKind.String, "42\n")]
    [InlineData(">-\n  true", ScalarKind.String, "true")]
    [InlineData("!!str 42", ScalarKind.String, "42")]
    [InlineData("!!str null", ScalarKind.String, "null")]
    [InlineData("!!int \"42\"", ScalarKind.Integer, "42")]
    [InlineData("!!int 0x10", ScalarKind.Integer, "16")]
    [InlineData("!!float 1", ScalarKind.Float, "1.0")]
    [InlineData("!!float '.inf'", ScalarKind.Float, "Infinity")]
    [InlineData("!!bool 'true'", ScalarKind.Boolean, "true")]
    [InlineData("!!null ''", ScalarKind.Null, "")]
    [InlineData("! 42", ScalarKind.String, "42")]
    public void Parse_ScalarValue_IsTypedPerCoreSchema(string yaml, ScalarKind kind, string text)
    {
        var result = _parser.Parse("value: " + yaml + "\n", ConfigFormat.Yaml);

        Assert.True(result.IsSuccess, result.ToString());
        var scalar = Assert.IsType<ConfigScalar>(result.Document.Find("value"));
        Assert.Equal(kind, scalar.Kind);
        Assert.Equal(text, scalar.Text);
    }

    [Fact]
    public void Parse_MissingValue_IsNull()
    {
        var result = _parser.Parse("value:\nother: 1\n", ConfigFormat.Yaml);

        Assert.Equal(ConfigScalar.Null, result.GetDocumentOrThrow().Find("value"));
    }

    [Theory]
    [InlineData("123: a", "123")]
    [InlineData("true: a", "true")]
    [InlineData("~: a", "~")]
    [InlineData("0x1F: a", "0x1F")]
    [InlineData("'quoted key': a", "quoted key")]
    [InlineData("\"\": a", "")]
    public void Parse_ScalarKeys_AreTakenVerbatim(string yaml, string key)
    {
        var document = _parser.Parse(yaml, ConfigFormat.Yaml).GetDocumentOrThrow();

        var map = Assert.IsType<ConfigMap>(document.Root);
        Assert.Equal(key, Assert.Single(map.Keys));
    }

    [Theory]
    [InlineData("a: !!int abc", "!!int")]
    [InlineData("a: !!bool yes", "!!bool")]
    [InlineData("a: !!null 0", "!!null")]
    [InlineData("a: !!float x1", "!!float")]
    public void Parse_CoreTagWithWrongValue_ReturnsSyntax(string yaml, string tag)
    {
        var result = _parser.Parse(yaml, ConfigFormat.Yaml, "t.yaml");

        Assert.Equal(ConfigErrorKind.Syntax, result.Error?.Kind);
        Assert.Contains(tag, result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(1, result.Error.Line);
        Assert.Equal(4, result.Error.Column);
    }

    [Theory]
    [InlineData("a: !Ref x", "!Ref")]
    [InlineData("a: !!binary aGVsbG8=", "!!binary")]
    [InlineData("a: !!timestamp 2001-12-14", "!!timestamp")]
    [InlineData("a: !custom {b: 1}", "!custom")]
    [InlineData("a: !!map [1]", "!!map")]
    public void Parse_UnsupportedTag_ReturnsSyntaxNamingTheTag(string yaml, string tag)
    {
        var result = _parser.Parse(yaml, ConfigFormat.Yaml);

        Assert.Equal(ConfigErrorKind.Syntax, result.Error?.Kind);
        Assert.Contains($"unsupported tag '{tag}'", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CollectionTags_AreAccepted()
    {
        var document = _parser.Parse("a: !!map {b: 1}\nc: !!seq [1]\n", ConfigFormat.Yaml).GetDocumentOrThrow();

        Assert.Equal(ConfigScalar.FromInteger(1), document.Find("a:b"));
        Assert.Equal(ConfigScalar.FromInteger(1), document.Find("c:0"));
    }

    [Fact]
    public void Parse_AnchorsAndAliases_ShareValues()
    {
        var document = _parser.Parse("base: &b {x: 1}\ncopy: *b\nname: &n hello\nagain: *n\n", ConfigFormat.Yaml).GetDocumentOrThrow();

        Assert.Equal(document.Find("base"), document.Find("copy"));
        Assert.Equal(ConfigScalar.FromString("hello"), document.Find("again"));
        Assert.Equal(7, document.NodeCount);
    }

    [Fact]
    public void Parse_MergeKey_ExplicitKeysWin()
    {
        const string yaml = """
            base: &base
              host: db
              port: 5432
            dev:
              <<: *base
              port: 6543
            """;

        var document = _parser.Parse(yaml, ConfigFormat.Yaml).GetDocumentOrThrow();

        var expected = ConfigMap.Create(("host", ConfigScalar.FromString("db")), ("port", ConfigScalar.FromInteger(6543)));
        Assert.Equal(expected, document.Find("dev"));
    }

    [Fact]
    public void Parse_MergeKeyWithSequence_EarlierMapsWin()
    {
        const string yaml = """
            a: &a {x: 1, y: 1}
            b: &b {y: 2, z: 2}
            c:
              <<: [*a, *b]
              w: 0
            """;

        var document = _parser.Parse(yaml, ConfigFormat.Yaml).GetDocumentOrThrow();

        var expected = ConfigMap.Create(
            ("w", ConfigScalar.FromInteger(0)),
            ("x", ConfigScalar.FromInteger(1)),
            ("y", ConfigScalar.FromInteger(1)),
            ("z", ConfigScalar.FromInteger(2)));
        Assert.Equal(expected, document.Find("c"));
    }

    [Fact]
    public void Parse_QuotedMergeKey_IsAnOrdinaryKey()
    {
        var document = _parser.Parse("\"<<\": 1\n", ConfigFormat.Yaml).GetDocumentOrThrow();

        Assert.Equal(ConfigScalar.FromInteger(1), document.Find("<<"));
    }

    [Fact]
    public void Parse_MergeKeyWithScalar_ReturnsSyntax()
    {
        var result = _parser.Parse("a:\n  <<: 5\n", ConfigFormat.Yaml);

        Assert.Equal(ConfigErrorKind.Syntax, result.Error?.Kind);
        Assert.Contains("merge key", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(2, result.Error.Line);
    }

    [Fact]
    public void Parse_TwoMergeKeys_ReturnsDuplicateKey()
    {
        var result = _parser.Parse("a: &a {x: 1}\nb:\n  <<: *a\n  <<: *a\n", ConfigFormat.Yaml);

        Assert.Equal(ConfigErrorKind.DuplicateKey, result.Error?.Kind);
        Assert.Equal(4, result.Error!.Line);
    }

    [Fact]
    public void Parse_ComplexKey_ReturnsSyntax()
    {
        var result = _parser.Parse("? [a, b]\n: value\n", ConfigFormat.Yaml);

        Assert.Equal(ConfigErrorKind.Syntax, result.Error?.Kind);
        Assert.Contains("complex keys", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(1, result.Error.Line);
        Assert.Equal(3, result.Error.Column);
    }

    [Fact]
    public void Parse_AliasToMapAsKey_ReturnsSyntax()
    {
        var result = _parser.Parse("a: &m {x: 1}\n*m : 2\n", ConfigFormat.Yaml);

        Assert.Equal(ConfigErrorKind.Syntax, result.Error?.Kind);
    }

    [Fact]
    public void Parse_AliasToScalarAsKey_UsesItsText()
    {
        var document = _parser.Parse("a: &k name\n*k : 2\n", ConfigFormat.Yaml).GetDocumentOrThrow();

        Assert.Equal(ConfigScalar.FromInteger(2), document.Find("name"));
    }

    [Fact]
    public void Parse_UnknownAlias_ReturnsSyntax()
    {
        var result = _parser.Parse("a: *nope\n", ConfigFormat.Yaml);

        Assert.Equal(ConfigErrorKind.Syntax, result.Error?.Kind);
        Assert.Contains("*nope", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AliasThatNestsBeyondMaxDepth_ReturnsLimitExceeded()
    {
        var parser = new ConfigParser(new ParseLimits { MaxDepth = 3 });

        var ok = parser.Parse("a: &a {b: {c: 1}}\n", ConfigFormat.Yaml);
        var result = parser.Parse("a: &a {b: {c: 1}}\nd: {e: *a}\n", ConfigFormat.Yaml);

        Assert.True(ok.IsSuccess, ok.ToString());
        Assert.Equal(nameof(ParseLimits.MaxDepth), result.Error?.Limit);
        Assert.Equal(2, result.Error!.Line);
    }

    [Fact]
    public void Parse_NodeCountAtLimit_Succeeds()
    {
        var parser = new ConfigParser(new ParseLimits { MaxNodes = 4 });

        var ok = parser.Parse("a: [1, 2]", ConfigFormat.Yaml);
        var tooMany = parser.Parse("a: [1, 2, 3]", ConfigFormat.Yaml);

        Assert.True(ok.IsSuccess, ok.ToString());
        Assert.Equal(nameof(ParseLimits.MaxNodes), tooMany.Error?.Limit);
    }

    [Fact]
    public void Parse_ExplicitDocumentMarkers_AreOneDocument()
    {
        var document = _parser.Parse("%YAML 1.2\n---\na: 1\n...\n", ConfigFormat.Yaml).GetDocumentOrThrow();

        Assert.Equal(ConfigScalar.FromInteger(1), document.Find("a"));
    }

    [Fact]
    public void Parse_ControlCharacterInText_ReturnsBinaryContent()
    {
        var result = _parser.Parse("a: b\u0007c\n", ConfigFormat.Yaml);

        Assert.Equal(ConfigErrorKind.BinaryContent, result.Error?.Kind);
        Assert.Equal(1, result.Error!.Line);
        Assert.Equal(5, result.Error.Column);
    }

    [Fact]
    public void Parse_SharedParserAcrossThreads_GivesEqualDocuments()
    {
        var text = ConfigWriter.ToYaml(SampleSettings.Expected);
        var documents = new ConfigDocument[64];

        Parallel.For(0, documents.Length, i => documents[i] = _parser.Parse(text, ConfigFormat.Yaml).GetDocumentOrThrow());

        Assert.All(documents, d => Assert.Equal(SampleSettings.Expected, d));
    }
}
