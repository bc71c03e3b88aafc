using System.Text;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Parsing;

namespace HotReloadCluster.Core.Tests.Parsing;

/// <summary>Every failure kind, each produced from a real file on disk through <see cref="ConfigParser.ParseFile"/>.</summary>
public sealed class ConfigParserFileErrorTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ConfigParser _parser = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ParseFile_EmptyFile_ReturnsEmpty()
    {
        var path = _dir.WriteBytes("empty.yaml", []);

        var result = _parser.ParseFile(path);

        var error = AssertFailure(result, ConfigErrorKind.Empty);
        Assert.Equal(path, error.SourceName);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("blank.yaml")]
    [InlineData("blank.json")]
    public void ParseFile_WhitespaceOnlyFile_ReturnsEmpty(string name)
    {
        var path = _dir.WriteText(name, " \n\t\r\n   \n");

        var result = _parser.ParseFile(path);

        var error = AssertFailure(result, ConfigErrorKind.Empty);
        Assert.Contains("whitespace", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFile_BomOnlyFile_ReturnsEmpty()
    {
        var path = _dir.WriteBytes("bom.yaml", [0xEF, 0xBB, 0xBF]);

        var result = _parser.ParseFile(path);

        AssertFailure(result, ConfigErrorKind.Empty);
    }

    [Fact]
    public void ParseFile_CommentOnlyYaml_ReturnsEmpty()
    {
        var path = _dir.WriteText("comments.yaml", "# nothing configured yet\n# still nothing\n");

        var result = _parser.ParseFile(path);

        AssertFailure(result, ConfigErrorKind.Empty);
    }

    [Fact]
    public void ParseFile_InvalidUtf8_ReturnsInvalidUtf8WithPosition()
    {
        // "a: 1\nb: " then 0xC3 0x28 (a lead byte followed by a non-continuation byte).
        var bytes = Encoding.UTF8.GetBytes("a: 1\nb: ").Concat(new byte[] { 0xC3, 0x28, (byte)'\n' }).ToArray();
        var path = _dir.WriteBytes("bad-utf8.yaml", bytes);

        var result = _parser.ParseFile(path);

        var error = AssertFailure(result, ConfigErrorKind.InvalidUtf8);
        Assert.Equal(2, error.Line);
        Assert.Equal(4, error.Column);
        Assert.Contains("byte offset 8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFile_NulByte_ReturnsBinaryContent()
    {
        var path = _dir.WriteBytes("binary.yaml", [(byte)'a', (byte)':', (byte)' ', (byte)'1', (byte)'\n', (byte)'b', 0x00, (byte)'c']);

        var result = _parser.ParseFile(path);

        var error = AssertFailure(result, ConfigErrorKind.BinaryContent);
        Assert.Equal(2, error.Line);
        Assert.Equal(2, error.Column);
        Assert.Contains("0x00", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFile_Utf16Bom_ReturnsBinaryContentNamingUtf16()
    {
        var path = _dir.WriteBytes("utf16.json", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("{\"a\": 1}")).ToArray());

        var result = _parser.ParseFile(path);

        var error = AssertFailure(result, ConfigErrorKind.BinaryContent);
        Assert.Contains("UTF-16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFile_Utf8Bom_IsSkipped()
    {
        var path = _dir.WriteBytes("bom.json", [0xEF, 0xBB, 0xBF, .. "{\"a\": 1}"u8]);

        var result = _parser.ParseFile(path);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(ConfigScalar.FromInteger(1), result.Document.Find("a"));
    }

    [Fact]
    public void ParseFile_YamlDuplicateKey_ReportsSecondOccurrenceAndKey()
    {
        var path = _dir.WriteText("dup.yaml", "server:\n  port: 80\n  host: a\n  port: 81\n");

        var result = _parser.ParseFile(path);

        var error = AssertFailure(result, ConfigErrorKind.DuplicateKey);
        Assert.Equal(4, error.Line);
        Assert.Equal(3, error.Column);
        Assert.Contains("'port'", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 2, column 3", error.Message, StringComparison.Ordinal);
        Assert.StartsWith(path + ":4:3: duplicate key 'port'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFile_JsonDuplicateKey_ReportsSecondOccurrenceAndKey()
    {
        var path = _dir.WriteText("dup.json", "{\n  \"a\": 1,\n  \"b\": {\"x\": 1, \"x\": 2}\n}\n");

        var result = _parser.ParseFile(path);

        var error = AssertFailure(result, ConfigErrorKind.DuplicateKey);
        Assert.Equal(3, error.Line);
        Assert.Equal(17, error.Column);
        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3, column 9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFile_MultipleYamlDocuments_ReturnsMultipleDocuments()
    {
        var path = _dir.WriteText("multi.yaml", "a: 1\n---\nb: 2\n");

        var result = _parser.ParseFile(path);

        var error = AssertFailure(result, ConfigErrorKind.MultipleDocuments);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void ParseFile_YamlSyntaxError_ReportsLineAndColumn()
    {
        var path = _dir.WriteText("syntax.yaml", "a: 1\nb: c: d\n");

        var result = _parser.ParseFile(path);

        var error = AssertFailure(result, ConfigErrorKind.Syntax);
        Assert.Equal(2, error.Line);
        Assert.Equal(5, error.Column);
        Assert.StartsWith(path + ":2:5: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFile_YamlUnterminatedFlowSequence_ReturnsSyntaxNotException()
    {
        var path = _dir.WriteText("flow.yaml", "a: [1, 2\nb: 3\n");

        var result = _parser.ParseFile(path);

        var error = AssertFailure(result, ConfigErrorKind.Syntax);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void ParseFile_JsonSyntaxError_ReportsOneBasedLineAndColumn()
    {
        var path = _dir.WriteText("syntax.json", "{\n  \"a\": 1,\n  \"b\": tru\n}\n");

        var result = _parser.ParseFile(path);

        var error = AssertFailure(result, ConfigErrorKind.Syntax);
        Assert.Equal(3, error.Line);
        Assert.InRange(error.Column!.Value, 8, 11);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deep.yaml")]
    [InlineData("deep.json")]
    public void ParseFile_NestingBeyondMaxDepth_ReturnsLimitExceeded(string name)
    {
        var path = _dir.WriteText(name, new string('[', 65) + new string(']', 65));

        var result = _parser.ParseFile(path);

        var error = AssertFailure(result, ConfigErrorKind.LimitExceeded);
        Assert.Equal(nameof(ParseLimits.MaxDepth), error.Limit);
        Assert.Contains("limit MaxDepth (64) exceeded", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
        Assert.Equal(65, error.Column);
    }

    [Theory]
    [InlineData("deep.yaml")]
    [InlineData("deep.json")]
    public void ParseFile_NestingAtMaxDepth_Succeeds(string name)
    {
        var path = _dir.WriteText(name, "{\"a\": " + new string('[', 63) + new string(']', 63) + "}");

        var result = _parser.ParseFile(path);

        Assert.True(result.IsSuccess, result.ToString());
    }

    [Fact]
    public void ParseFile_BillionLaughs_FailsFastOnMaxNodes()
    {
        var yaml = new StringBuilder("l0: &l0 [" + string.Join(", ", Enumerable.Repeat("\"lol\"", 10)) + "]\n");
        for (var level = 1; level <= 10; level++)
        {
            yaml.Append($"l{level}: &l{level} [").Append(string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 10))).Append("]\n");
        }

        var path = _dir.WriteText("laughs.yaml", yaml.ToString());

        var result = _parser.ParseFile(path);

        // Refused at line 6, where the expansion first passes the limit: the 10^10 nodes are never built.
        var error = AssertFailure(result, ConfigErrorKind.LimitExceeded);
        Assert.Equal(nameof(ParseLimits.MaxNodes), error.Limit);
        Assert.Contains("limit MaxNodes (1000000) exceeded", error.Message, StringComparison.Ordinal);
        Assert.Equal(6, error.Line);
    }

    [Fact]
    public void ParseFile_ScalarLongerThanLimit_ReturnsLimitExceeded()
    {
        var parser = new ConfigParser(new ParseLimits { MaxScalarLength = 100 });
        var ok = _dir.WriteText("ok.yaml", "a: " + new string('x', 100) + "\n");
        var tooLong = _dir.WriteText("long.yaml", "a: ok\nb: " + new string('x', 101) + "\n");

        var okResult = parser.ParseFile(ok);
        var result = parser.ParseFile(tooLong);

        Assert.True(okResult.IsSuccess, okResult.ToString());
        var error = AssertFailure(result, ConfigErrorKind.LimitExceeded);
        Assert.Equal(nameof(ParseLimits.MaxScalarLength), error.Limit);
        Assert.Equal(2, error.Line);
        Assert.Equal(4, error.Column);
    }

    [Fact]
    public void ParseFile_JsonStringLongerThanLimit_ReturnsLimitExceeded()
    {
        var parser = new ConfigParser(new ParseLimits { MaxScalarLength = 10 });
        var path = _dir.WriteText("long.json", "{\"a\": \"" + new string('x', 11) + "\"}");

        var result = parser.ParseFile(path);

        var error = AssertFailure(result, ConfigErrorKind.LimitExceeded);
        Assert.Equal(nameof(ParseLimits.MaxScalarLength), error.Limit);
    }

    [Fact]
    public void ParseFile_KeyLongerThanLimit_ReturnsLimitExceeded()
    {
        var parser = new ConfigParser(new ParseLimits { MaxKeyLength = 8 });
        var path = _dir.WriteText("key.yaml", "short: 1\nmuch_too_long: 2\n");

        var result = parser.ParseFile(path);

        var error = AssertFailure(result, ConfigErrorKind.LimitExceeded);
        Assert.Equal(nameof(ParseLimits.MaxKeyLength), error.Limit);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void ParseFile_FileLargerThanLimit_ReturnsLimitExceededWithoutParsing()
    {
        var parser = new ConfigParser(new ParseLimits { MaxFileBytes = 64 });
        var atLimit = _dir.WriteText("ok.yaml", "a: " + new string('x', 60) + "\n");
        var overLimit = _dir.WriteText("big.yaml", "a: " + new string('x', 61) + "\n");

        var okResult = parser.ParseFile(atLimit);
        var result = parser.ParseFile(overLimit);

        Assert.True(okResult.IsSuccess, okResult.ToString());
        var error = AssertFailure(result, ConfigErrorKind.LimitExceeded);
        Assert.Equal(nameof(ParseLimits.MaxFileBytes), error.Limit);
        Assert.Equal(overLimit, error.SourceName);
        Assert.Contains("limit MaxFileBytes (64) exceeded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFile_FileReportingZeroLengthButLarger_IsStoppedWhileReading()
    {
        // Linux procfs files report length 0 however much they contain, like a file that grows after the size
        // check; the read loop must still stop at MaxFileBytes + 1 bytes.
        var parser = new ConfigParser(new ParseLimits { MaxFileBytes = 16 });
        var path = Path.Combine(_dir.Path, "status.yaml");
        File.CreateSymbolicLink(path, "/proc/self/status");
        Assert.Equal(0, new FileInfo("/proc/self/status").Length);

        var result = parser.ParseFile(path);

        var error = AssertFailure(result, ConfigErrorKind.LimitExceeded);
        Assert.Equal(nameof(ParseLimits.MaxFileBytes), error.Limit);
        Assert.Contains("at least 17 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFile_MissingFile_ReturnsNotFound()
    {
        var path = Path.Combine(_dir.Path, "absent.yaml");

        var result = _parser.ParseFile(path);

        var error = AssertFailure(result, ConfigErrorKind.NotFound);
        Assert.Equal(path, error.SourceName);
        Assert.Null(error.Line);
    }

    [Fact]
    public void ParseFile_MissingDirectory_ReturnsNotFound()
    {
        var result = _parser.ParseFile(Path.Combine(_dir.Path, "nope", "absent.json"));

        AssertFailure(result, ConfigErrorKind.NotFound);
    }

    [Theory]
    [InlineData("settings.toml")]
    [InlineData("settings")]
    [InlineData("settings.yaml.bak")]
    public void ParseFile_UnsupportedExtension_ReturnsUnsupportedFormat(string name)
    {
        var path = _dir.WriteText(name, "a: 1\n");

        var result = _parser.ParseFile(path);

        var error = AssertFailure(result, ConfigErrorKind.UnsupportedFormat);
        Assert.Contains(".yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFile_PathIsDirectory_ReturnsIo()
    {
        var path = Path.Combine(_dir.Path, "folder.yaml");
        Directory.CreateDirectory(path);

        var result = _parser.ParseFile(path);

        var error = AssertFailure(result, ConfigErrorKind.Io);
        Assert.Equal(path, error.SourceName);
    }

    [Fact]
    public void ParseFile_ValidFile_SetsSourceNameAndFormatByExtension()
    {
        var yaml = _dir.WriteText("app.YML", "a: 1\n");
        var json = _dir.WriteText("app.json", "{\"a\": 1}");

        var yamlResult = _parser.ParseFile(yaml);
        var jsonResult = _parser.ParseFile(json);

        Assert.True(yamlResult.IsSuccess, yamlResult.ToString());
        Assert.Equal(yaml, yamlResult.Document.SourceName);
        Assert.Equal(yamlResult.Document, jsonResult.GetDocumentOrThrow());
    }

    [Fact]
    public void GetDocumentOrThrow_Failure_ThrowsWithError()
    {
        var result = _parser.ParseFile(_dir.WriteText("dup.yaml", "a: 1\na: 2\n"));

        var exception = Assert.Throws<ConfigParseException>(result.GetDocumentOrThrow);

        Assert.Equal(ConfigErrorKind.DuplicateKey, exception.Error.Kind);
        Assert.Equal(result.Error!.ToString(), exception.Message);
    }

    private static ConfigParseError AssertFailure(ConfigParseResult result, ConfigErrorKind kind)
    {
        Assert.False(result.IsSuccess, "expected a failure, got " + result);
        Assert.Null(result.Document);
        Assert.Equal(kind, result.Error.Kind);
        return result.Error;
    }
}
