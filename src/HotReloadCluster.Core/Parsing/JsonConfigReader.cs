using System.Globalization;
using System.Text.Json;
using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Core.Parsing;

/// <summary>
/// Builds a <see cref="ConfigNode"/> tree with <see cref="Utf8JsonReader"/>, enforcing <see cref="ParseLimits"/>
/// token by token and rejecting duplicate property names. Lenient like <c>appsettings.json</c>: comments are skipped
/// and trailing commas allowed. Numbers without a fraction or exponent are integers (of any size), all other numbers
/// floats; every number keeps its text as written. Iterative (explicit stack), one instance per parse.
/// </summary>
internal sealed class JsonConfigReader
{
    private readonly ParseLimits _limits;
    private readonly string? _source;
    private readonly List<Frame> _stack = [];
    private long _nodes;
    private long _rootOffset;
    private ConfigNode? _root;

    private JsonConfigReader(ParseLimits limits, string? source)
    {
        _limits = limits;
        _source = source;
    }

    /// <summary>Parses UTF-8 JSON (already checked for encoding); throws <see cref="ConfigParseException"/> on bad input.</summary>
    public static ConfigNode Read(ReadOnlySpan<byte> utf8, ParseLimits limits, string? source) =>
        new JsonConfigReader(limits, source).Run(utf8);

    private ConfigNode Run(ReadOnlySpan<byte> utf8)
    {
        var options = new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,

            // One more than our own limit so that our check, with its clearer message, fires first.
            MaxDepth = _limits.MaxDepth >= int.MaxValue - 1 ? int.MaxValue : _limits.MaxDepth + 1,
        };
        var reader = new Utf8JsonReader(utf8, options);
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        if (_stack.Count == 0)
                        {
                            _rootOffset = reader.TokenStartIndex;
                        }

                        if (_stack.Count + 1 > _limits.MaxDepth)
                        {
                            throw Limit(nameof(ParseLimits.MaxDepth), _limits.MaxDepth, "objects and arrays are nested too deeply", utf8, reader.TokenStartIndex);
                        }

                        Count(utf8, reader.TokenStartIndex);
                        _stack.Add(new Frame(reader.TokenType == JsonTokenType.StartObject));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        var frame = _stack[^1];
                        _stack.RemoveAt(_stack.Count - 1);
                        AddValue(frame.IsMap ? ConfigMap.Create(frame.Entries!) : ConfigSequence.Create(frame.Items!));
                        break;
                    case JsonTokenType.PropertyName:
                        OnPropertyName(ref reader, utf8);
                        break;
                    case JsonTokenType.String:
                        AddScalar(ConfigScalar.FromString(ReadString(ref reader, utf8, nameof(ParseLimits.MaxScalarLength), _limits.MaxScalarLength, "a string")), utf8, reader.TokenStartIndex);
                        break;
                    case JsonTokenType.Number:
                        AddScalar(ReadNumber(ref reader, utf8), utf8, reader.TokenStartIndex);
                        break;
                    case JsonTokenType.True:
                        AddScalar(ConfigScalar.True, utf8, reader.TokenStartIndex);
                        break;
                    case JsonTokenType.False:
                        AddScalar(ConfigScalar.False, utf8, reader.TokenStartIndex);
                        break;
                    case JsonTokenType.Null:
                        AddScalar(ConfigScalar.Null, utf8, reader.TokenStartIndex);
                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            if (_nodes == 0 && TextPosition.OffsetOf(utf8, ex.LineNumber ?? 0, ex.BytePositionInLine ?? 0) >= utf8.TrimEnd(" \t\r\n"u8).Length)
            {
                // The reader reached the end without meeting a single token: the content is only comments.
                throw new ConfigParseException(new ConfigParseError(
                    ConfigErrorKind.Empty, "the JSON content contains no value (only comments)", _source, null, null));
            }

            var (line, column) = TextPosition.FromLineAndByte(utf8, ex.LineNumber ?? 0, ex.BytePositionInLine ?? 0);
            throw new ConfigParseException(new ConfigParseError(ConfigErrorKind.Syntax, StripPosition(ex.Message), _source, line, column));
        }

        if (_root is null)
        {
            throw new ConfigParseException(new ConfigParseError(
                ConfigErrorKind.Empty, "the JSON content contains no value (only comments)", _source, null, null));
        }

        if (_root is not ConfigMap)
        {
            var (line, column) = TextPosition.FromOffset(utf8, _rootOffset);
            throw new ConfigParseException(ParseErrors.RootNotAMap(_root, _source, line, column));
        }

        return _root;
    }

    private void OnPropertyName(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8)
    {
        var key = ReadString(ref reader, utf8, nameof(ParseLimits.MaxKeyLength), _limits.MaxKeyLength, "a property name");
        var frame = _stack[^1];
        if (!frame.Keys!.TryAdd(key, reader.TokenStartIndex, out var firstOffset))
        {
            var (firstLine, firstColumn) = TextPosition.FromOffset(utf8, firstOffset);
            var (line, column) = TextPosition.FromOffset(utf8, reader.TokenStartIndex);
            throw new ConfigParseException(ParseErrors.DuplicateKey(key, firstLine, firstColumn, _source, line, column));
        }

        frame.PendingKey = key;
    }

    private string ReadString(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, string limit, int max, string what)
    {
        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // A \u escape of a lone UTF-16 surrogate ("\ud83d" without its pair) cannot become .NET text.
            var (line, column) = TextPosition.FromOffset(utf8, reader.TokenStartIndex);
            throw new ConfigParseException(new ConfigParseError(
                ConfigErrorKind.Syntax, $"{what} contains an invalid \\u escape (a lone UTF-16 surrogate without its pair)", _source, line, column));
        }

        if (text.Length > max)
        {
            throw Limit(limit, max, string.Create(CultureInfo.InvariantCulture, $"{what} of {text.Length} characters"), utf8, reader.TokenStartIndex);
        }

        return text;
    }

    private ConfigScalar ReadNumber(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8)
    {
        // The number keeps its text as written (1.50, 1e3, -0, every digit of a big integer), as
        // Microsoft.Extensions.Configuration.Json gives it (JsonElement.ToString() returns the raw text).
        var raw = reader.ValueSpan;
        var literal = System.Text.Encoding.UTF8.GetString(raw);
        if (raw.IndexOfAny(".eE"u8) >= 0 && !double.IsFinite(double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture)))
        {
            var (line, column) = TextPosition.FromOffset(utf8, reader.TokenStartIndex);
            throw new ConfigParseException(new ConfigParseError(
                ConfigErrorKind.Syntax,
                $"the number '{ParseErrors.Shorten(literal)}' is out of range (larger than a double can hold); write it as a string to keep it as text",
                _source,
                line,
                column));
        }

        return ConfigScalar.FromJsonNumber(literal);
    }

    private void AddScalar(ConfigScalar scalar, ReadOnlySpan<byte> utf8, long offset)
    {
        if (_stack.Count == 0)
        {
            _rootOffset = offset;
        }

        Count(utf8, offset);
        AddValue(scalar);
    }

    private void AddValue(ConfigNode node)
    {
        if (_stack.Count == 0)
        {
            _root = node;
            return;
        }

        var top = _stack[^1];
        if (top.IsMap)
        {
            top.Entries!.Add(new KeyValuePair<string, ConfigNode>(top.PendingKey!, node));
            top.PendingKey = null;
        }
        else
        {
            top.Items!.Add(node);
        }
    }

    private void Count(ReadOnlySpan<byte> utf8, long offset)
    {
        if (++_nodes > _limits.MaxNodes)
        {
            throw Limit(nameof(ParseLimits.MaxNodes), _limits.MaxNodes, "too many values", utf8, offset);
        }
    }

    private ConfigParseException Limit(string limit, long value, string detail, ReadOnlySpan<byte> utf8, long offset)
    {
        var (line, column) = TextPosition.FromOffset(utf8, offset);
        return new ConfigParseException(ParseErrors.Limit(limit, value, detail, _source, line, column));
    }

    /// <summary>JsonException messages end with "Path: $.x | LineNumber: 0 | BytePositionInLine: 5."; we report 1-based positions ourselves.</summary>
    private static string StripPosition(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        return cut < 0 ? message : message[..cut];
    }

    private sealed class Frame
    {
        public Frame(bool isMap)
        {
            IsMap = isMap;
            if (isMap)
            {
                Entries = [];
                Keys = new KeySet<long>();
            }
            else
            {
                Items = [];
            }
        }

        public bool IsMap { get; }

        public List<ConfigNode>? Items { get; }

        public List<KeyValuePair<string, ConfigNode>>? Entries { get; }

        public KeySet<long>? Keys { get; }

        public string? PendingKey { get; set; }
    }
}
