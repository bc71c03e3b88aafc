using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Parsing;

namespace HotReloadCluster.Core.Tests.Parsing;

public sealed class ConfigWriterTests
{
    private readonly ConfigParser _parser = new();

    [Fact]
    public void ToYaml_NestedDocument_WritesBlockStyle()
    {
        var document = new ConfigDocument(ConfigMap.Create(
            ("name", ConfigScalar.FromString("orders")),
            ("db", ConfigMap.Create(("port", ConfigScalar.FromInteger(5432)), ("ratio", ConfigScalar.FromFloat(3)))),
            ("hosts", ConfigSequence.Create(
                ConfigScalar.FromString("a"),
                ConfigMap.Create(("h", ConfigScalar.FromString("b")), ("p", ConfigScalar.Null)),
                ConfigSequence.Create(ConfigScalar.True, ConfigScalar.False))),
            ("empty", ConfigMap.Empty),
            ("none", ConfigSequence.Empty)));

        var yaml = ConfigWriter.ToYaml(document);

        const string expected = """
            name: orders
            db:
              port: 5432
              ratio: 3.0
            hosts:
              - a
              - h: b
                p: null
              - - true
                - false
            empty: {}
            none: []

            """;
        Assert.Equal(expected, yaml);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("True")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("123")]
    [InlineData("0x1F")]
    [InlineData("1e3")]
    [InlineData(".inf")]
    [InlineData("yes")]
    [InlineData("off")]
    [InlineData("")]
    [InlineData(" a")]
    [InlineData("a ")]
    [InlineData("- x")]
    [InlineData(":")]
    [InlineData("a: b")]
    [InlineData("#")]
    [InlineData("a #b")]
    [InlineData("<<")]
    [InlineData("${DB_HOST}")]
    public void ToYaml_StringThatCouldBeMisread_IsQuoted(string value)
    {
        var document = new ConfigDocument(ConfigMap.Create((value, ConfigScalar.FromString(value))));

        var yaml = ConfigWriter.ToYaml(document);

        Assert.StartsWith("\"", yaml, StringComparison.Ordinal);
        Assert.Contains(": \"", yaml, StringComparison.Ordinal);
        Assert.Equal(document, _parser.Parse(yaml, ConfigFormat.Yaml).GetDocumentOrThrow());
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("orders-service")]
    [InlineData("replica-1.internal")]
    [InlineData("Information")]
    [InlineData("idle_timeout")]
    public void ToYaml_OrdinaryString_IsPlain(string value)
    {
        var yaml = ConfigWriter.ToYaml(new ConfigDocument(ConfigMap.Create(("k", ConfigScalar.FromString(value)))));

        Assert.Equal("k: " + value + "\n", yaml);
    }

    [Fact]
    public void ToYaml_ControlAndSpecialCharacters_AreEscaped()
    {
        var value = "a\nb\t\"c\"\\\u0001\u0085\u2028\uFEFF😀";
        var document = new ConfigDocument(ConfigMap.Create(("k", ConfigScalar.FromString(value))));

        var yaml = ConfigWriter.ToYaml(document);

        Assert.Equal("k: \"a\\nb\\t\\\"c\\\"\\\\\\x01\\x85\\u2028\\uFEFF😀\"\n", yaml);
        Assert.Equal(document, _parser.Parse(yaml, ConfigFormat.Yaml).GetDocumentOrThrow());
    }

    [Theory]
    [InlineData(double.NaN, ".nan")]
    [InlineData(double.PositiveInfinity, ".inf")]
    [InlineData(double.NegativeInfinity, "-.inf")]
    [InlineData(2.0, "2.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(1e20, "1.0E+20")]
    [InlineData(1.5e-7, "1.5E-07")]
    [InlineData(0.1, "0.1")]
    public void ToYaml_Float_KeepsItsKind(double value, string text)
    {
        var document = new ConfigDocument(ConfigMap.Create(("f", ConfigScalar.FromFloat(value))));

        var yaml = ConfigWriter.ToYaml(document);

        Assert.Equal("f: " + text + "\n", yaml);
        Assert.Equal(document, _parser.Parse(yaml, ConfigFormat.Yaml).GetDocumentOrThrow());
    }

    [Fact]
    public void ToYaml_ScalarAndEmptyRoots_AreWrittenInline()
    {
        Assert.Equal("42\n", ConfigWriter.ToYaml(new ConfigDocument(ConfigScalar.FromInteger(42))));
        Assert.Equal("{}\n", ConfigWriter.ToYaml(ConfigDocument.Empty));
        Assert.Equal("[]\n", ConfigWriter.ToYaml(new ConfigDocument(ConfigSequence.Empty)));
    }

    [Fact]
    public void ToYaml_VeryLongKey_UsesExplicitKeyAndRoundTrips()
    {
        var key = new string('k', 1020);
        var document = new ConfigDocument(ConfigMap.Create((key, ConfigMap.Create(("a", ConfigScalar.FromInteger(1))))));

        var yaml = ConfigWriter.ToYaml(document);

        Assert.StartsWith("? ", yaml, StringComparison.Ordinal);
        Assert.Equal(document, _parser.Parse(yaml, ConfigFormat.Yaml).GetDocumentOrThrow());
    }

    [Fact]
    public void ToJson_Document_WritesIndentedTypedJson()
    {
        var document = new ConfigDocument(ConfigMap.Create(
            ("i", ConfigScalar.FromInteger(1)),
            ("f", ConfigScalar.FromFloat(2)),
            ("s", ConfigScalar.FromString("é\"")),
            ("n", ConfigScalar.Null),
            ("e", ConfigMap.Empty),
            ("l", ConfigSequence.Create(ConfigScalar.True))));

        var json = ConfigWriter.ToJson(document);
        var compact = ConfigWriter.ToJson(document, indented: false);

        Assert.Equal("{\n  \"i\": 1,\n  \"f\": 2.0,\n  \"s\": \"é\\\"\",\n  \"n\": null,\n  \"e\": {},\n  \"l\": [\n    true\n  ]\n}", json);
        Assert.Equal("{\"i\":1,\"f\":2.0,\"s\":\"é\\\"\",\"n\":null,\"e\":{},\"l\":[true]}", compact);
        Assert.Equal(document, _parser.Parse(json, ConfigFormat.Json).GetDocumentOrThrow());
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void ToJson_NonFiniteFloat_BecomesString(double value, string text)
    {
        var document = new ConfigDocument(ConfigMap.Create(("f", ConfigScalar.FromFloat(value))));

        var reparsed = _parser.Parse(ConfigWriter.ToJson(document), ConfigFormat.Json).GetDocumentOrThrow();

        Assert.Equal(ConfigScalar.FromString(text), reparsed.Find("f"));
    }
}
