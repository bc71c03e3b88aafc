using System.Buffers;
using System.Globalization;
using System.Text.Unicode;

namespace HotReloadCluster.Core.Parsing;

/// <summary>
/// Checks raw bytes before any parser sees them: size, encoding (UTF-8 only, BOM allowed), emptiness and binary
/// content. Linear and vectorised; the common valid case allocates nothing.
/// </summary>
internal static class ContentInspector
{
    private static readonly SearchValues<byte> ForbiddenControls = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);

    /// <summary>
    /// Returns an error, or <see langword="null"/> with <paramref name="bodyStart"/> set past a UTF-8 byte order mark.
    /// </summary>
    public static ConfigParseError? Inspect(ReadOnlySpan<byte> content, ParseLimits limits, string? source, out int bodyStart)
    {
        bodyStart = 0;
        if (content.Length > limits.MaxFileBytes)
        {
            return ParseErrors.Limit(
                nameof(ParseLimits.MaxFileBytes),
                limits.MaxFileBytes,
                string.Create(CultureInfo.InvariantCulture, $"the content is {content.Length} bytes"),
                source,
                null,
                null);
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
            || content.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return new ConfigParseError(
                ConfigErrorKind.BinaryContent,
                "the content starts with a UTF-16 or UTF-32 byte order mark; only UTF-8 is supported, save the file as UTF-8",
                source,
                1,
                1);
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bodyStart = 3;
        }

        var body = content[bodyStart..];
        if (body.IndexOfAnyExcept(" \t\r\n"u8) < 0)
        {
            return new ConfigParseError(
                ConfigErrorKind.Empty,
                body.IsEmpty ? "the content is empty" : "the content contains only whitespace",
                source,
                null,
                null);
        }

        var control = body.IndexOfAny(ForbiddenControls);
        if (control >= 0)
        {
            var (line, column) = TextPosition.FromOffset(body, control);
            return new ConfigParseError(
                ConfigErrorKind.BinaryContent,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"binary content: control character 0x{body[control]:X2} at byte offset {control + bodyStart}; configuration files must be UTF-8 text"),
                source,
                line,
                column);
        }

        if (!Utf8.IsValid(body))
        {
            var offset = FirstInvalidUtf8Offset(body);
            var (line, column) = TextPosition.FromOffset(body, offset);
            return new ConfigParseError(
                ConfigErrorKind.InvalidUtf8,
                string.Create(CultureInfo.InvariantCulture, $"invalid UTF-8 byte sequence at byte offset {offset + bodyStart}"),
                source,
                line,
                column);
        }

        return null;
    }

    private static int FirstInvalidUtf8Offset(ReadOnlySpan<byte> utf8)
    {
        var offset = 0;
        while (offset < utf8.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(utf8[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return offset;
    }
}
