using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Parsing;

namespace HotReloadCluster.Core.Tests.Parsing;

public sealed class JsonParsingTests
{
    private readonly ConfigParser _parser = new();

    [Theory]
    [InlineData("1", ScalarKind.Integer, "1")]
    [InlineData("-0", ScalarKind.Integer, "-0")]
    [InlineData("9223372036854775807", ScalarKind.Integer, "9223372036854775807")]
    [InlineData("9223372036854775808", ScalarKind.Integer, "9223372036854775808")]
    [InlineData("18446744073709551615", ScalarKind.Integer, "18446744073709551615")]
    [InlineData("-123456789012345678901234567890", ScalarKind.Integer, "-123456789012345678901234567890")]
    [InlineData("1.0", ScalarKind.Float, "1.0")] // numbers keep their text, as in Microsoft.Extensions.Configuration.Json
    [InlineData("1e2", ScalarKind.Float, "1e2")]
    [InlineData("-2.5E-3", ScalarKind.Float, "-2.5E-3")]
    [InlineData("1.50", ScalarKind.Float, "1.50")]
    [InlineData("true", ScalarKind.Boolean, "true")]
    [InlineData("false", ScalarKind.Boolean, "false")]
    [InlineData("null", ScalarKind.Null, "")]
    [InlineData("\"42\"", ScalarKind.String, "42")]
    [InlineData("\"a\\nb\\u00e9\"", ScalarKind.String, "a\nb\u00e9")]
    public void Parse_Value_IsTyped(string json, ScalarKind kind, string text)
    {
        var result = _parser.Parse("{\"value\": " + json + "}", ConfigFormat.Json);

        Assert.True(result.IsSuccess, result.ToString());
        var scalar = Assert.IsType<ConfigScalar>(result.Document.Find("value"));
        Assert.Equal(kind, scalar.Kind);
        Assert.Equal(text, scalar.Text);
    }

    [Fact]
    public void Parse_CommentsAndTrailingCommas_AreAccepted()
    {
        const string json = """
            {
              // line comment
              "a": [1, 2, ], /* block comment */
              "b": {"c": true,},
            }
            """;

        var document = _parser.Parse(json, ConfigFormat.Json).GetDocumentOrThrow();

        var expected = ConfigMap.Create(
            ("a", ConfigSequence.Create(ConfigScalar.FromInteger(1), ConfigScalar.FromInteger(2))),
            ("b", ConfigMap.Create(("c", ConfigScalar.True))));
        Assert.Equal(expected, document.Root);
    }

    [Fact]
    public void Parse_TwoTopLevelValues_ReturnsSyntax()
    {
        var result = _parser.Parse("{\"a\": 1}\n{\"b\": 2}", ConfigFormat.Json, "two.json");

        Assert.Equal(ConfigErrorKind.Syntax, result.Error?.Kind);
        Assert.Equal(2, result.Error!.Line);
        Assert.Equal(1, result.Error.Column);
        Assert.Equal("two.json", result.Error.SourceName);
    }

    [Theory]
    [InlineData("// nothing here\n")]
    [InlineData("/* nothing */")]
    [InlineData("/* a */ // b\n\n  ")]
    public void Parse_OnlyComments_ReturnsEmpty(string json)
    {
        var result = _parser.Parse(json, ConfigFormat.Json);

        Assert.Equal(ConfigErrorKind.Empty, result.Error?.Kind);
    }

    [Fact]
    public void Parse_CommentThenGarbage_ReturnsSyntax()
    {
        var result = _parser.Parse("// c\nx", ConfigFormat.Json);

        Assert.Equal(ConfigErrorKind.Syntax, result.Error?.Kind);
        Assert.Equal(2, result.Error!.Line);
        Assert.Equal(1, result.Error.Column);
    }

    [Fact]
    public void Parse_TooManyValues_ReturnsMaxNodes()
    {
        var parser = new ConfigParser(new ParseLimits { MaxNodes = 3 });

        var ok = parser.Parse("{\"a\": [1]}", ConfigFormat.Json);
        var result = parser.Parse("{\"a\": [1, 2]}", ConfigFormat.Json);

        Assert.True(ok.IsSuccess, ok.ToString());
        Assert.Equal(nameof(ParseLimits.MaxNodes), result.Error?.Limit);
        Assert.Equal(11, result.Error!.Column);
    }

    [Fact]
    public void Parse_LongPropertyName_ReturnsMaxKeyLength()
    {
        var parser = new ConfigParser(new ParseLimits { MaxKeyLength = 3 });

        var result = parser.Parse("{\"abc\": 1, \"abcd\": 2}", ConfigFormat.Json);

        Assert.Equal(nameof(ParseLimits.MaxKeyLength), result.Error?.Limit);
        Assert.Equal(12, result.Error!.Column);
    }

    [Fact]
    public void Parse_DuplicateKeysInDifferentObjects_AreAllowed()
    {
        var document = _parser.Parse("{\"a\": {\"x\": 1}, \"b\": {\"x\": 2}}", ConfigFormat.Json).GetDocumentOrThrow();

        Assert.Equal(ConfigScalar.FromInteger(2), document.Find("b:x"));
    }

    [Fact]
    public void Parse_ColumnsCountCharactersNotBytes()
    {
        var result = _parser.Parse("{\"é\": 1, \"é\": 2}", ConfigFormat.Json);

        Assert.Equal(ConfigErrorKind.DuplicateKey, result.Error?.Kind);
        Assert.Equal(10, result.Error!.Column);
    }
}
