namespace HotReloadCluster.Core.Parsing;

/// <summary>Turns byte offsets in UTF-8 text into 1-based line and column numbers (columns count code points).</summary>
internal static class TextPosition
{
    /// <summary>The position of the byte at <paramref name="offset"/>.</summary>
    public static (int Line, int Column) FromOffset(ReadOnlySpan<byte> utf8, long offset)
    {
        var before = utf8[..(int)Math.Clamp(offset, 0, utf8.Length)];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return (line, CountCodePoints(before[lineStart..]) + 1);
    }

    /// <summary>The position given as a 0-based line and a 0-based byte offset inside that line (as JsonException reports it).</summary>
    public static (int Line, int Column) FromLineAndByte(ReadOnlySpan<byte> utf8, long line0, long bytePositionInLine)
    {
        var start = LineStart(utf8, line0);
        var end = (int)Math.Clamp(start + bytePositionInLine, start, utf8.Length);
        return ((int)Math.Min(line0 + 1, int.MaxValue), CountCodePoints(utf8[start..end]) + 1);
    }

    /// <summary>The byte offset of a 0-based line and byte position in that line.</summary>
    public static long OffsetOf(ReadOnlySpan<byte> utf8, long line0, long bytePositionInLine) =>
        Math.Min(utf8.Length, LineStart(utf8, line0) + bytePositionInLine);

    private static int LineStart(ReadOnlySpan<byte> utf8, long line0)
    {
        var start = 0;
        for (long i = 0; i < line0; i++)
        {
            var newline = utf8[start..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                break;
            }

            start += newline + 1;
        }

        return start;
    }

    private static int CountCodePoints(ReadOnlySpan<byte> utf8)
    {
        var count = 0;
        foreach (var b in utf8)
        {
            if ((b & 0xC0) != 0x80)
            {
                count++;
            }
        }

        return count;
    }
}
