using System.Collections.Immutable;
using System.Text.Json;
using HotReloadCluster.Core.Documents;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace HotReloadCluster.Core.Parsing;

/// <summary>
/// Finds where a path of an already parsed document is written, for error messages that name a path (a key collision
/// is found on the tree, which keeps no positions). Scans the text again, so it is only used when reporting an error.
/// </summary>
internal static class KeyLocator
{
    /// <summary>
    /// The 1-based line and column of <paramref name="path"/> in JSON text: its property name, or for a sequence item
    /// the start of the item; <see langword="null"/> when it is not found.
    /// </summary>
    public static (int Line, int Column)? InJson(ReadOnlySpan<byte> utf8, ConfigPath path, int maxDepth)
    {
        var target = path.Segments;
        var options = new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            MaxDepth = maxDepth >= int.MaxValue - 1 ? int.MaxValue : maxDepth + 1,
        };
        var reader = new Utf8JsonReader(utf8, options);
        var current = new List<PathSegment>();
        var nextIndex = new List<int>(); // per open container: the next item index of an array, -1 for an object
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        current[^1] = PathSegment.ForKey(reader.GetString()!);
                        if (Matches(current, target) == Match.Exact)
                        {
                            return TextPosition.FromOffset(utf8, reader.TokenStartIndex);
                        }

                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        current.RemoveAt(current.Count - 1);
                        nextIndex.RemoveAt(nextIndex.Count - 1);
                        continue;
                }

                if (nextIndex.Count > 0 && nextIndex[^1] >= 0)
                {
                    current[^1] = PathSegment.ForIndex(nextIndex[^1]++);
                    if (Matches(current, target) == Match.Exact)
                    {
                        return TextPosition.FromOffset(utf8, reader.TokenStartIndex);
                    }
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    current.Add(default);
                    nextIndex.Add(reader.TokenType == JsonTokenType.StartArray ? 0 : -1);
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // The text parsed a moment ago; if it does not now, there is simply no position to give.
        }

        return null;
    }

    /// <summary>
    /// The 1-based line and column of <paramref name="path"/> in YAML text: its key, or for a sequence item the start
    /// of the item. A path that only exists through an alias or a merge key (<c>&lt;&lt;</c>) is not written where it
    /// is used; then the position of the longest written part of it (the key holding the alias or merge) is returned.
    /// </summary>
    public static (int Line, int Column)? InYaml(string text, ConfigPath path)
    {
        var target = path.Segments;
        var parser = new Parser(new Scanner(new StringReader(text), skipComments: true));
        var current = new List<PathSegment>();
        var frames = new List<Frame>();
        var scalarAnchors = new Dictionary<string, string>(StringComparer.Ordinal);
        (int Line, int Column)? best = null;
        var bestLength = -1;
        try
        {
            while (parser.MoveNext())
            {
                var node = parser.Current;
                if (node is MappingEnd or SequenceEnd)
                {
                    frames.RemoveAt(frames.Count - 1);
                    current.RemoveAt(current.Count - 1);
                    ValueDone(frames);
                    continue;
                }

                if (node is not (Scalar or AnchorAlias or MappingStart or SequenceStart))
                {
                    continue;
                }

                if (node is Scalar { Anchor.IsEmpty: false } anchored)
                {
                    scalarAnchors[anchored.Anchor.Value] = anchored.Value;
                }

                var top = frames.Count > 0 ? frames[^1] : null;
                var isKey = top is { IsMap: true, ExpectsKey: true };
                var placed = false;
                if (isKey)
                {
                    top!.ExpectsKey = false;
                    var key = node switch
                    {
                        Scalar scalar => scalar.Value,
                        AnchorAlias alias when scalarAnchors.TryGetValue(alias.Value.Value, out var aliased) => aliased,
                        _ => null,
                    };
                    if (key is not null)
                    {
                        current[^1] = PathSegment.ForKey(key);
                        placed = true;
                    }
                }
                else if (top is { IsMap: false })
                {
                    current[^1] = PathSegment.ForIndex(top.NextIndex++);
                    placed = true;
                }

                if (placed)
                {
                    var match = Matches(current, target);
                    if (match == Match.Exact)
                    {
                        return Position(node.Start);
                    }

                    if (match == Match.Prefix && current.Count > bestLength)
                    {
                        best = Position(node.Start);
                        bestLength = current.Count;
                    }
                }

                if (node is MappingStart or SequenceStart)
                {
                    frames.Add(new Frame(node is MappingStart));
                    current.Add(default);
                }
                else if (!isKey)
                {
                    ValueDone(frames);
                }
            }
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException or ArgumentException)
        {
            // The text parsed a moment ago; give the best position found so far.
        }

        return best;
    }

    private static void ValueDone(List<Frame> frames)
    {
        if (frames.Count > 0 && frames[^1].IsMap)
        {
            frames[^1].ExpectsKey = true;
        }
    }

    private static (int Line, int Column)? Position(Mark mark) =>
        mark.Line > 0 ? ((int)Math.Min(mark.Line, int.MaxValue), (int)Math.Min(Math.Max(mark.Column, 1), int.MaxValue)) : null;

    private static Match Matches(List<PathSegment> current, ImmutableArray<PathSegment> target)
    {
        if (current.Count > target.Length)
        {
            return Match.None;
        }

        for (var i = 0; i < current.Count; i++)
        {
            if (current[i] != target[i])
            {
                return Match.None;
            }
        }

        return current.Count == target.Length ? Match.Exact : Match.Prefix;
    }

    private enum Match
    {
        None,
        Prefix,
        Exact,
    }

    private sealed class Frame(bool isMap)
    {
        public bool IsMap { get; } = isMap;

        public bool ExpectsKey { get; set; } = isMap;

        public int NextIndex { get; set; }
    }
}
