using HotReloadCluster.Core.Documents;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace HotReloadCluster.Core.Parsing;

/// <summary>
/// Builds a <see cref="ConfigNode"/> tree from YamlDotNet's low-level event stream, enforcing
/// <see cref="ParseLimits"/> as events arrive (so nothing oversized is ever materialised) and rejecting duplicate
/// keys, complex keys, unknown tags and multiple documents. Aliases share the immutable subtree they refer to; the
/// node budget is charged with the full size of that subtree on every use. One instance per parse (not
/// thread-safe); the tree is built with an explicit stack, never by recursion.
/// </summary>
internal sealed class YamlConfigReader
{
    private const string CoreTagPrefix = "tag:yaml.org,2002:";
    private const string StrTag = CoreTagPrefix + "str";
    private const string IntTag = CoreTagPrefix + "int";
    private const string FloatTag = CoreTagPrefix + "float";
    private const string BoolTag = CoreTagPrefix + "bool";
    private const string NullTag = CoreTagPrefix + "null";
    private const string MapTag = CoreTagPrefix + "map";
    private const string SeqTag = CoreTagPrefix + "seq";
    private const string MergeTag = CoreTagPrefix + "merge";
    private const string MergeKey = "<<";

    private readonly ParseLimits _limits;
    private readonly string? _source;
    private readonly Dictionary<string, Anchored> _anchors = new(StringComparer.Ordinal);
    private readonly List<Frame> _stack = [];
    private long _nodes;
    private ConfigNode? _root;
    private Mark _rootMark = Mark.Empty;

    private YamlConfigReader(ParseLimits limits, string? source)
    {
        _limits = limits;
        _source = source;
    }

    /// <summary>Parses one YAML document; throws <see cref="ConfigParseException"/> for every kind of bad input.</summary>
    public static ConfigNode Read(string text, ParseLimits limits, string? source) =>
        new YamlConfigReader(limits, source).Run(text);

    private ConfigNode Run(string text)
    {
        var parser = new Parser(new Scanner(new StringReader(text), skipComments: true));
        var last = Mark.Empty;
        var documents = 0;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                switch (current)
                {
                    case DocumentStart start:
                        if (++documents > 1)
                        {
                            throw Fail(
                                ConfigErrorKind.MultipleDocuments,
                                "the YAML stream contains more than one document; a configuration file must hold exactly one",
                                start.Start);
                        }

                        break;
                    case Scalar scalar:
                        OnScalar(scalar);
                        break;
                    case AnchorAlias alias:
                        OnAlias(alias);
                        break;
                    case MappingStart mapping:
                        OnCollectionStart(mapping, isMap: true, mapping.Anchor, mapping.Tag);
                        break;
                    case SequenceStart sequence:
                        OnCollectionStart(sequence, isMap: false, sequence.Anchor, sequence.Tag);
                        break;
                    case MappingEnd or SequenceEnd:
                        OnCollectionEnd();
                        break;
                }

                last = current.End;
            }
        }
        catch (YamlException ex)
        {
            var mark = ex.Start.Line > 0 ? ex.Start : last;
            throw Fail(ConfigErrorKind.Syntax, ex.Message, mark);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException or IndexOutOfRangeException)
        {
            // YamlDotNet's scanner throws these instead of a YamlException on some malformed input
            // (an unterminated flow collection, for example); the last good event is the best position we have.
            throw Fail(ConfigErrorKind.Syntax, "malformed YAML after this point (unterminated flow collection or quoted scalar?)", last);
        }

        if (documents == 0 || _root is null)
        {
            throw new ConfigParseException(new ConfigParseError(
                ConfigErrorKind.Empty, "the YAML content contains no document (only comments or directives)", _source, null, null));
        }

        return _root is ConfigMap ? _root : throw new ConfigParseException(ParseErrors.RootNotAMap(_root, _source, Line(_rootMark), Column(_rootMark)));
    }

    private void OnScalar(Scalar scalar)
    {
        if (scalar.Value.Length > _limits.MaxScalarLength)
        {
            throw Limit(nameof(ParseLimits.MaxScalarLength), _limits.MaxScalarLength, $"a scalar of {scalar.Value.Length} characters", scalar.Start);
        }

        if (scalar.Style == ScalarStyle.Plain && HasValueIndicator(scalar.Value))
        {
            throw Fail(
                ConfigErrorKind.Syntax,
                $"'{ParseErrors.Shorten(scalar.Value)}' was read as one plain value although it contains ': '. The YAML parser "
                + "(YamlDotNet) does this when a word starts with '*' before the ':' (e.g. a cron expression as a key); "
                + "quote the key, e.g. \"0 * * * *\": hourly",
                scalar.Start);
        }

        var node = Resolve(scalar);
        RegisterAnchor(scalar.Anchor, node, 0, scalar.Value);
        if (ExpectsKey(out var map))
        {
            var isMerge = scalar.Style == ScalarStyle.Plain && scalar.Value == MergeKey && (scalar.Tag.IsEmpty || scalar.Tag.Value == MergeTag);
            OnKey(map, scalar.Value, isMerge, scalar.Start);
            return;
        }

        Count(1, scalar.Start);
        AddValue(node, 0, scalar.Start);
    }

    /// <summary>
    /// Whether a plain scalar's value holds ':' followed by white space or the end. A YAML parser ends a plain scalar
    /// there (a key indicator, or an error), so no correct reading contains it; YamlDotNet 18 produces it when a
    /// word starts with '*' (<c>a *: 1</c> is read as the string <c>"a *: 1"</c>, not the map <c>{"a *": 1}</c>).
    /// </summary>
    private static bool HasValueIndicator(string value)
    {
        for (var i = value.IndexOf(':', StringComparison.Ordinal); i >= 0; i = value.IndexOf(':', i + 1))
        {
            if (i == value.Length - 1 || value[i + 1] is ' ' or '\t' or '\n' or '\r')
            {
                return true;
            }
        }

        return false;
    }

    private void OnAlias(AnchorAlias alias)
    {
        var name = alias.Value.Value;
        if (!_anchors.TryGetValue(name, out var anchored))
        {
            throw Fail(ConfigErrorKind.Syntax, $"unknown alias '*{name}' (no anchor '&{name}' defined before it)", alias.Start);
        }

        if (ExpectsKey(out var map))
        {
            if (anchored.KeyText is null)
            {
                throw Fail(ConfigErrorKind.Syntax, $"alias '*{name}' is used as a key but refers to a map or sequence; complex keys are not supported", alias.Start);
            }

            OnKey(map, anchored.KeyText, isMerge: false, alias.Start);
            return;
        }

        if (_stack.Count + anchored.Height > _limits.MaxDepth)
        {
            throw Limit(nameof(ParseLimits.MaxDepth), _limits.MaxDepth, $"alias '*{name}' nests {anchored.Height} levels at depth {_stack.Count}", alias.Start);
        }

        Count(anchored.Node.NodeCount, alias.Start);
        AddValue(anchored.Node, anchored.Height, alias.Start);
    }

    private void OnCollectionStart(ParsingEvent start, bool isMap, AnchorName anchor, TagName tag)
    {
        if (ExpectsKey(out _))
        {
            throw Fail(ConfigErrorKind.Syntax, "complex keys (a map or sequence used as a key) are not supported", start.Start);
        }

        if (!tag.IsEmpty && !tag.IsNonSpecific && tag.Value != (isMap ? MapTag : SeqTag))
        {
            throw UnsupportedTag(tag, start.Start);
        }

        if (_stack.Count + 1 > _limits.MaxDepth)
        {
            throw Limit(nameof(ParseLimits.MaxDepth), _limits.MaxDepth, "maps and sequences are nested too deeply", start.Start);
        }

        Count(1, start.Start);
        _stack.Add(new Frame(isMap, anchor.IsEmpty ? null : anchor.Value, start.Start));
    }

    private void OnCollectionEnd()
    {
        var frame = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        ConfigNode node = frame.IsMap ? BuildMap(frame) : ConfigSequence.Create(frame.Items!);
        var height = frame.Height + 1;
        if (frame.Anchor is not null)
        {
            _anchors[frame.Anchor] = new Anchored(node, height, null);
        }

        AddValue(node, height, frame.Start);
    }

    private void OnKey(Frame map, string key, bool isMerge, Mark mark)
    {
        if (key.Length > _limits.MaxKeyLength)
        {
            throw Limit(nameof(ParseLimits.MaxKeyLength), _limits.MaxKeyLength, $"a key of {key.Length} characters", mark);
        }

        if (isMerge)
        {
            if (map.MergeIndex >= 0)
            {
                throw new ConfigParseException(ParseErrors.DuplicateKey(MergeKey, null, null, _source, Line(mark), Column(mark)));
            }

            map.MergeIndex = map.Entries!.Count;
            map.PendingIsMerge = true;
        }
        else
        {
            if (!map.Keys!.TryAdd(key, mark, out var first))
            {
                throw new ConfigParseException(ParseErrors.DuplicateKey(key, Line(first), Column(first), _source, Line(mark), Column(mark)));
            }

            map.PendingKey = key;
        }

        map.HasPendingKey = true;
    }

    private void AddValue(ConfigNode node, int height, Mark mark)
    {
        if (_stack.Count == 0)
        {
            _root = node;
            _rootMark = mark;
            return;
        }

        var top = _stack[^1];
        if (!top.IsMap)
        {
            top.Items!.Add(node);
        }
        else if (top.PendingIsMerge)
        {
            top.MergeSources = node switch
            {
                ConfigMap map => [map],
                ConfigSequence seq when seq.Items.All(i => i is ConfigMap) => seq.Items.Cast<ConfigMap>().ToList(),
                _ => throw Fail(ConfigErrorKind.Syntax, "the merge key '<<' needs a map or a sequence of maps", mark),
            };
            height = Math.Max(0, height - 1);
            top.PendingIsMerge = false;
        }
        else
        {
            top.Entries!.Add(new KeyValuePair<string, ConfigNode>(top.PendingKey!, node));
            top.PendingKey = null;
        }

        top.HasPendingKey = false;
        top.Height = Math.Max(top.Height, height);
    }

    private static ConfigMap BuildMap(Frame frame)
    {
        var entries = frame.Entries!;
        if (frame.MergeSources is { } sources)
        {
            // Explicit keys win over merged ones; among merged maps the first one listed wins (YAML merge semantics).
            var seen = new HashSet<string>(frame.Keys!.Keys, StringComparer.Ordinal);
            var merged = new List<KeyValuePair<string, ConfigNode>>();
            foreach (var source in sources)
            {
                foreach (var entry in source.Entries)
                {
                    if (seen.Add(entry.Key))
                    {
                        merged.Add(entry);
                    }
                }
            }

            entries.InsertRange(frame.MergeIndex, merged);
        }

        return ConfigMap.Create(entries);
    }

    private ConfigScalar Resolve(Scalar scalar)
    {
        var tag = scalar.Tag;
        var value = scalar.Value;
        if (tag.IsEmpty)
        {
            if (scalar.Style != ScalarStyle.Plain)
            {
                return ConfigScalar.FromString(value);
            }

            var resolved = YamlScalarResolver.ResolvePlain(value, out var outOfRange);
            return outOfRange ? throw OutOfRange(value, scalar.Start) : resolved;
        }

        if (tag.IsNonSpecific)
        {
            return ConfigScalar.FromString(value);
        }

        switch (tag.Value)
        {
            case StrTag:
                return ConfigScalar.FromString(value);
            case IntTag when YamlScalarResolver.TryInteger(value, out var integer):
                return integer;
            case FloatTag when YamlScalarResolver.TryNumber(value, out var number, out _):
                return number.Kind != ScalarKind.Integer ? number
                    : double.IsFinite((double)number.AsBigInteger()) ? ConfigScalar.FromFloat((double)number.AsBigInteger())
                    : throw OutOfRange(value, scalar.Start);
            case FloatTag when YamlScalarResolver.IsFloatSyntax(value):
                throw OutOfRange(value, scalar.Start);
            case BoolTag when YamlScalarResolver.TryBoolean(value, out var boolean):
                return ConfigScalar.FromBoolean(boolean);
            case NullTag when YamlScalarResolver.IsNull(value):
                return ConfigScalar.Null;
            case IntTag or FloatTag or BoolTag or NullTag:
                throw Fail(ConfigErrorKind.Syntax, $"'{ParseErrors.Shorten(value)}' is not a valid {ShortTag(tag)}", scalar.Start);
            case MergeTag when value == MergeKey:
                return ConfigScalar.FromString(value);
            default:
                throw UnsupportedTag(tag, scalar.Start);
        }
    }

    private void RegisterAnchor(AnchorName anchor, ConfigNode node, int height, string? keyText)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = new Anchored(node, height, keyText);
        }
    }

    private bool ExpectsKey([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Frame? map)
    {
        map = _stack.Count > 0 && _stack[^1] is { IsMap: true, HasPendingKey: false } top ? top : null;
        return map is not null;
    }

    private void Count(long nodes, Mark mark)
    {
        _nodes += nodes;
        if (_nodes > _limits.MaxNodes)
        {
            throw Limit(nameof(ParseLimits.MaxNodes), _limits.MaxNodes, "too many nodes after expanding aliases (each alias counts the full size of what it refers to)", mark);
        }
    }

    private ConfigParseException OutOfRange(string value, Mark mark) =>
        Fail(ConfigErrorKind.Syntax, $"the number '{ParseErrors.Shorten(value)}' is out of range (larger than a double can hold); quote it to keep it as text", mark);

    private ConfigParseException UnsupportedTag(TagName tag, Mark mark) =>
        Fail(
            ConfigErrorKind.Syntax,
            $"unsupported tag '{ShortTag(tag)}'; only !!str, !!int, !!float, !!bool, !!null, !!map, !!seq and the non-specific '!' are accepted",
            mark);

    private static string ShortTag(TagName tag) =>
        tag.Value.StartsWith(CoreTagPrefix, StringComparison.Ordinal) ? "!!" + tag.Value[CoreTagPrefix.Length..] : tag.Value;

    private ConfigParseException Limit(string limit, long value, string detail, Mark mark) =>
        new(ParseErrors.Limit(limit, value, detail, _source, Line(mark), Column(mark)));

    private ConfigParseException Fail(ConfigErrorKind kind, string message, Mark mark) =>
        new(new ConfigParseError(kind, message, _source, Line(mark), Column(mark)));

    private static int? Line(Mark mark) => mark.Line > 0 ? (int)Math.Min(mark.Line, int.MaxValue) : null;

    private static int? Column(Mark mark) => mark.Line > 0 ? (int)Math.Min(Math.Max(mark.Column, 1), int.MaxValue) : null;

    private sealed record Anchored(ConfigNode Node, int Height, string? KeyText);

    private sealed class Frame
    {
        public Frame(bool isMap, string? anchor, Mark start)
        {
            IsMap = isMap;
            Anchor = anchor;
            Start = start;
            if (isMap)
            {
                Entries = [];
                Keys = new KeySet<Mark>();
            }
            else
            {
                Items = [];
            }
        }

        public bool IsMap { get; }

        public string? Anchor { get; }

        public Mark Start { get; }

        public List<ConfigNode>? Items { get; }

        public List<KeyValuePair<string, ConfigNode>>? Entries { get; }

        public KeySet<Mark>? Keys { get; }

        /// <summary>Height of the tallest child (0 for scalars only).</summary>
        public int Height { get; set; }

        public bool HasPendingKey { get; set; }

        public string? PendingKey { get; set; }

        public bool PendingIsMerge { get; set; }

        /// <summary>Where merged entries are inserted, or -1 when the map has no merge key.</summary>
        public int MergeIndex { get; set; } = -1;

        public List<ConfigMap>? MergeSources { get; set; }
    }
}
