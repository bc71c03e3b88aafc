using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Parsing;

namespace HotReloadCluster.Core.Tests.Documents;

/// <summary>
/// <see cref="ConfigDocument.Flatten"/> rule by rule: each rule is stated with its expected pairs, and checked against
/// Microsoft.Extensions.Configuration.Json for the same JSON (and, for YAML, for the equivalent JSON).
/// </summary>
public sealed class FlattenTests
{
    private static readonly ConfigParser Parser = new();

    public static TheoryData<string> JsonCases => new(
        """{"a": true, "b": false}""",
        """{"a": null, "b": [null, {"c": null}]}""",
        """{"int": 42, "neg": -7, "zero": 0, "negZero": -0, "big": 123456789012345678901234567890, "u64": 18446744073709551615}""",
        """{"f1": 1.50, "f2": 1e3, "f3": 1E+3, "f4": 0.1e-2, "f5": -1.0E-0, "f6": 3.0, "f7": 1.7976931348623157e308, "f8": 5e-324, "f9": 1e-400}""",
        """{"s1": "", "s2": "42", "s3": "1.50", "s4": "true", "s5": "null", "s6": " padded ", "s7": "0x1F"}""",
        """{"esc": "quote \" backslash \\ slash \/ tab \t newline \n cr \r uni \u00e9 \ud83d\ude00 bell \u0007"}""",
        """{"unicode": "Größe – 日本語 😀", "ключ": "значение", "emoji😀key": 1}""",
        """{"empty": {}, "emptyArray": [], "nested": {"deeper": {}}}""",
        """{"a": [[]], "b": [{}], "c": [[], {}, null, "", 0]}""",
        """{"matrix": [[1, 2], [3, [4, [5]]]], "objects": [{"name": "x", "tags": ["a", "b"]}, {"name": "y", "inner": [{"k": 1}]}]}""",
        """{"with space": {"Inner Key": "v"}, "Authorization Policy": "Anonymous", "dotted.key": 1, "dash-key": 2}""",
        """{"": 1}""",
        """{"": {"a": 1, "": 2}}""",
        """{"": {}}""",
        """{"a": {"": []}}""",
        """{"CamelCase": {"MiXeD": 1}, "lower": {"UPPER": 2}}""",
        """{"Logging": {"LogLevel": {"Default": "Information"}}, "logging": {"Console": {"FormatterName": "json"}}}""",
        """{"a": 1, "a:b": 2, "a:c": {"d": 3}}""",
        """{"WriteTo:Async": {"Name": "Async"}, "WriteTo:Console": {"Name": "Console"}}""",
        """{"a": [], "a:0": 1}""",
        """{"arr": ["x", {"y": 1}, ["z"]], "arr2": [1, "1", true, null, 1.0]}""",
        """
        {
          // line comment
          "a": [1, 2, ], /* block comment */
          "b": {"c": true,},
        }
        """,
        """{}""");

    [Theory]
    [MemberData(nameof(JsonCases))]
    public void Flatten_Json_GivesTheJsonProvidersPairs(string json)
    {
        var expected = JsonProviderReference.Load(json);

        var document = Parser.Parse(json, ConfigFormat.Json).GetDocumentOrThrow();

        JsonProviderReference.AssertSamePairs(expected, document.Flatten(), json);
    }

    [Theory]
    [MemberData(nameof(JsonCases))]
    public void Flatten_JsonWrittenAsYamlAndAsJson_GivesTheSamePairs(string json)
    {
        var expected = JsonProviderReference.Load(json);
        var document = Parser.Parse(json, ConfigFormat.Json).GetDocumentOrThrow();

        var fromYaml = Parser.Parse(ConfigWriter.ToYaml(document), ConfigFormat.Yaml).GetDocumentOrThrow();
        var fromJson = Parser.Parse(ConfigWriter.ToJson(document), ConfigFormat.Json).GetDocumentOrThrow();

        JsonProviderReference.AssertSamePairs(expected, fromYaml.Flatten(), "as YAML: " + ConfigWriter.ToYaml(document));
        JsonProviderReference.AssertSamePairs(expected, fromJson.Flatten(), "as JSON: " + ConfigWriter.ToJson(document));
    }

    [Fact]
    public void Flatten_Booleans_AreTrueAndFalseAsJsonElementToStringGivesThem()
    {
        var document = Parse("""{"on": true, "off": false}""");

        var pairs = document.Flatten();

        Assert.Equal([Pair("on", "True"), Pair("off", "False")], pairs.ToArray());
    }

    [Fact]
    public void Flatten_Numbers_KeepTheirTextAsWritten()
    {
        var document = Parse("""{"a": 1.50, "b": 1e3, "c": -0, "d": 1E+3, "e": 123456789012345678901234567890, "f": 3.0}""");

        var pairs = document.Flatten();

        Assert.Equal(
            [Pair("a", "1.50"), Pair("b", "1e3"), Pair("c", "-0"), Pair("d", "1E+3"), Pair("e", "123456789012345678901234567890"), Pair("f", "3.0")],
            pairs.ToArray());
    }

    [Fact]
    public void Flatten_NullAndEmptyContainers_AreNullForNullAndEmptyMapAndEmptyStringForEmptySequence()
    {
        var document = Parse("""{"n": null, "map": {}, "seq": [], "items": [[], {}]}""");

        var pairs = document.Flatten();

        Assert.Equal(
            [Pair("n", null), Pair("map", null), Pair("seq", ""), Pair("items:0", ""), Pair("items:1", null)],
            pairs.ToArray());
    }

    [Fact]
    public void Flatten_EmptyRootMap_GivesNoPairs()
    {
        Assert.Empty(Parse("{}").Flatten());
        Assert.Empty(ConfigDocument.Empty.Flatten());
    }

    [Fact]
    public void Flatten_EmptyKey_IsASegmentLikeAnyOther()
    {
        var document = Parse("""{"": {"a": 1}, "b": {"": 2}}""");

        var pairs = document.Flatten();

        Assert.Equal([Pair(":a", "1"), Pair("b:", "2")], pairs.ToArray());
    }

    [Fact]
    public void Flatten_KeysThatDifferInCaseOnlyWithDifferentLeaves_AreKeptAsWritten()
    {
        var document = Parse("""{"Logging": {"Level": "Information"}, "logging": {"Console": "json"}}""");

        var pairs = document.Flatten();

        Assert.Equal([Pair("Logging:Level", "Information"), Pair("logging:Console", "json")], pairs.ToArray());
    }

    [Fact]
    public void Flatten_BuiltDocumentWithCollidingKeys_ThrowsNamingBothPaths()
    {
        var document = new ConfigDocument(ConfigMap.Create(
            ("a:b", ConfigScalar.FromInteger(1)),
            ("a", ConfigMap.Create(("b", ConfigScalar.FromInteger(2))))));

        var exception = Assert.Throws<InvalidOperationException>(() => document.Flatten());

        Assert.Contains("'/a:b'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'/a/b'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'a:b'", exception.Message, StringComparison.Ordinal);
    }

    // Line and column of the second path (the error's position) and of the first one (in the message).
    public static TheoryData<string, string, string, int, int, int, int> JsonCollisions => new()
    {
        {
            "{\n  \"Logging\": { \"Level\": \"Information\" },\n  \"logging\": { \"Level\": \"Debug\" }\n}\n",
            "/Logging/Level", "/logging/Level", 3, 16, 2, 16
        },
        {
            "{\n  \"a:b\": 1,\n  \"a\": { \"b\": 2 }\n}\n",
            "/a:b", "/a/b", 3, 10, 2, 3
        },
        {
            "{\n  \"a\": { \"b\": 2 },\n  \"A:B\": 1\n}\n",
            "/a/b", "/A:B", 3, 3, 2, 10
        },
        {
            "{\n  \"servers\": [ \"x\" ],\n  \"servers:0\": \"y\"\n}\n",
            "/servers/0", "/servers:0", 3, 3, 2, 16
        },
        {
            "{\n  \"list\": [ { \"Name\": 1 } ],\n  \"LIST\": { \"0\": { \"name\": 2 } }\n}\n",
            "/list/0/Name", "/LIST/0/name", 3, 20, 2, 15
        },
        {
            "{\n  \"a\": { \"b\": {} },\n  \"a:b\": 1\n}\n",
            "/a/b", "/a:b", 3, 3, 2, 10
        },
    };

    [Theory]
    [MemberData(nameof(JsonCollisions))]
    public void Parse_JsonKeysThatCollideAsConfigurationKeys_FailsNamingBothPathsAsTheProviderRefusesTheFile(
        string json, string first, string second, int line, int column, int firstLine, int firstColumn)
    {
        var providerError = Record.Exception(() => JsonProviderReference.Load(json));

        var result = Parser.Parse(json, ConfigFormat.Json, "settings.json");

        Assert.Contains("duplicate key", Assert.IsType<FormatException>(providerError).Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(result.IsSuccess);
        Assert.Equal(ConfigErrorKind.KeyCollision, result.Error.Kind);
        Assert.Equal((line, column), (result.Error.Line, result.Error.Column));
        Assert.Contains($"'{second}' and '{first}' (line {firstLine}, column {firstColumn})", result.Error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"settings.json:{line}:{column}: duplicate configuration key", result.Error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"a\": {}, \"A\": {}}", "/a", "/A")]
    [InlineData("{\"a\": [], \"A\": {}}", "/a", "/A")]
    [InlineData("{\"a\": 1, \"A\": {}}", "/a", "/A")]
    [InlineData("{\"a:b\": 1, \"a\": {\"b\": {}}}", "/a:b", "/a/b")]
    public void Parse_LaterEmptySectionCollides_FailsWhereTheJsonProviderSilentlyOverwrites(string json, string first, string second)
    {
        // The provider throws only when the later key is a value; a later empty object or array overwrites the earlier
        // key without a word (JsonConfigurationFileParser assigns _data[key] for empty containers). Losing a value
        // silently is never what the file meant, so we refuse these files too: a deliberate, documented difference.
        var providerPairs = JsonProviderReference.Load(json);

        var result = Parser.Parse(json, ConfigFormat.Json);

        Assert.Single(providerPairs);
        Assert.Equal(ConfigErrorKind.KeyCollision, result.Error?.Kind);
        Assert.Contains($"'{second}' and '{first}'", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ManyKeysThatDifferInCaseOnlyWithoutCollision_Succeeds()
    {
        var json = "{" + string.Join(", ", Enumerable.Range(0, 12).Select(i => $"\"K{i}\": {{\"x{i}\": 1}}, \"k{i}\": {{\"y{i}\": 2}}")) + "}";
        var expected = JsonProviderReference.Load(json);

        var result = Parser.Parse(json, ConfigFormat.Json);

        Assert.True(result.IsSuccess, result.ToString());
        JsonProviderReference.AssertSamePairs(expected, result.Document.Flatten(), json);
    }

    [Fact]
    public void Parse_ManyKeysWithOneCollisionInABigMap_FailsNamingBothPaths()
    {
        var json = "{" + string.Join(", ", Enumerable.Range(0, 12).Select(i => $"\"K{i}\": {i}")) + ", \"k7\": 0}";

        var result = Parser.Parse(json, ConfigFormat.Json);

        Assert.Equal(ConfigErrorKind.KeyCollision, result.Error?.Kind);
        Assert.Contains("'/k7' and '/K7'", result.Error!.Message, StringComparison.Ordinal);
    }

    // YAML value → the JSON value that means the same; Flatten of the YAML must give what the provider gives for the JSON.
    [Theory]
    [InlineData("true", "true")]
    [InlineData("True", "true")]
    [InlineData("FALSE", "false")]
    [InlineData("'true'", "\"true\"")]
    [InlineData("yes", "\"yes\"")]
    [InlineData("~", "null")]
    [InlineData("null", "null")]
    [InlineData("", "null")]
    [InlineData("'null'", "\"null\"")]
    [InlineData("42", "42")]
    [InlineData("-0", "-0")]
    [InlineData("123456789012345678901234567890", "123456789012345678901234567890")]
    [InlineData("1.50", "1.50")]
    [InlineData("1e3", "1e3")]
    [InlineData("2.5E-3", "2.5E-3")]
    [InlineData("0x1F", "31")]
    [InlineData("0o17", "15")]
    [InlineData("+1", "1")]
    [InlineData("007", "7")]
    [InlineData(".5", "0.5")]
    [InlineData("-.5e3", "-500.0")] // not a JSON literal: the canonical text of the value
    [InlineData("1.", "1.0")]
    [InlineData("!!float 1", "1.0")]
    [InlineData("!!int '0x10'", "16")]
    [InlineData(".inf", "\"Infinity\"")]
    [InlineData("-.inf", "\"-Infinity\"")]
    [InlineData(".nan", "\"NaN\"")]
    [InlineData("'1.50'", "\"1.50\"")]
    [InlineData("\"\"", "\"\"")]
    [InlineData("Größe – 日本語 😀", "\"Größe – 日本語 😀\"")]
    [InlineData("\"tab\\t quote\\\" \\u00e9\"", "\"tab\\t quote\\\" \\u00e9\"")]
    [InlineData("{}", "{}")]
    [InlineData("[]", "[]")]
    [InlineData("[[]]", "[[]]")]
    [InlineData("[{}]", "[{}]")]
    [InlineData("[1, [2, [3]], {a: [true, ~]}]", "[1, [2, [3]], {\"a\": [true, null]}]")]
    [InlineData("{with space: {Inner Key: v}}", "{\"with space\": {\"Inner Key\": \"v\"}}")]
    public void Flatten_YamlValue_GivesTheJsonProvidersPairsForTheEquivalentJson(string yaml, string json)
    {
        var expected = JsonProviderReference.Load("{\"value\": " + json + "}");

        var result = Parser.Parse("value: " + yaml + "\n", ConfigFormat.Yaml);

        Assert.True(result.IsSuccess, result.ToString());
        JsonProviderReference.AssertSamePairs(expected, result.Document.Flatten(), yaml);
    }

    [Fact]
    public void Flatten_YamlSettings_GivesTheJsonProvidersPairsForTheSameSettingsInJson()
    {
        const string yaml = """
            Logging:
              LogLevel:
                Default: Information
                Microsoft.AspNetCore: Warning
            AllowedHosts: "*"
            Kestrel:
              Limits: {}
              Endpoints:
                Http: { Url: "http://0.0.0.0:5000" }
            Serilog:
              Using: [Serilog.Sinks.Console]
              WriteTo:
                - Console
                - Name: File
                  Args: { path: logs/app.txt, fileSizeLimitBytes: 1e7, rollOnFileSizeLimit: true, retained: ~ }
            Ratios: [0.10, 1.0, 2]
            Ports: []
            "": root-level empty key
            """;
        const string json = """
            {
              "Logging": { "LogLevel": { "Default": "Information", "Microsoft.AspNetCore": "Warning" } },
              "AllowedHosts": "*",
              "Kestrel": { "Limits": {}, "Endpoints": { "Http": { "Url": "http://0.0.0.0:5000" } } },
              "Serilog": {
                "Using": ["Serilog.Sinks.Console"],
                "WriteTo": ["Console", { "Name": "File", "Args": { "path": "logs/app.txt", "fileSizeLimitBytes": 1e7, "rollOnFileSizeLimit": true, "retained": null } }]
              },
              "Ratios": [0.10, 1.0, 2],
              "Ports": [],
              "": "root-level empty key"
            }
            """;
        var expected = JsonProviderReference.Load(json);

        var result = Parser.Parse(yaml, ConfigFormat.Yaml);

        Assert.True(result.IsSuccess, result.ToString());
        JsonProviderReference.AssertSamePairs(expected, result.Document.Flatten(), "settings.yaml");
    }

    public static TheoryData<string, string, string, int, int, int, int> YamlCollisions => new()
    {
        { "Logging:\n  Level: Information\nlogging:\n  Level: Debug\n", "/Logging/Level", "/logging/Level", 4, 3, 2, 3 },
        { "\"a:b\": 1\na:\n  b: 2\n", "/a:b", "/a/b", 3, 3, 1, 1 },
        { "servers:\n  - x\nservers:0: y\n", "/servers/0", "/servers:0", 3, 1, 2, 5 },

        // /c/x exists only through the merge key, so its position is the one of the key holding the merge.
        { "base: &base\n  x: 1\nc:\n  <<: *base\n\"C:X\": 2\n", "/c/x", "/C:X", 5, 1, 3, 1 },
    };

    [Theory]
    [MemberData(nameof(YamlCollisions))]
    public void Parse_YamlKeysThatCollideAsConfigurationKeys_FailsNamingBothPaths(
        string yaml, string first, string second, int line, int column, int firstLine, int firstColumn)
    {
        var result = Parser.Parse(yaml, ConfigFormat.Yaml, "settings.yaml");

        Assert.False(result.IsSuccess);
        Assert.Equal(ConfigErrorKind.KeyCollision, result.Error.Kind);
        Assert.Equal((line, column), (result.Error.Line, result.Error.Column));
        Assert.Contains($"'{second}' and '{first}' (line {firstLine}, column {firstColumn})", result.Error.Message, StringComparison.Ordinal);
    }

    private static ConfigDocument Parse(string json) => Parser.Parse(json, ConfigFormat.Json).GetDocumentOrThrow();

    private static KeyValuePair<string, string?> Pair(string key, string? value) => new(key, value);
}
