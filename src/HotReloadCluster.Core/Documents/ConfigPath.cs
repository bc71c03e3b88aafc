using System.Collections.Immutable;
using System.Text;

namespace HotReloadCluster.Core.Documents;

/// <summary>
/// The location of a node inside a document, as map keys and sequence indexes. Its text form is the
/// Microsoft.Extensions.Configuration one, <c>database:hosts:0:name</c>; the root is the empty string.
/// </summary>
public sealed class ConfigPath : IEquatable<ConfigPath>, IComparable<ConfigPath>
{
    private readonly string _text;

    private ConfigPath(ImmutableArray<PathSegment> segments)
    {
        Segments = segments;
        _text = string.Join(':', segments);
    }

    /// <summary>The root of a document.</summary>
    public static ConfigPath Root { get; } = new([]);

    /// <summary>The segments from the root.</summary>
    public ImmutableArray<PathSegment> Segments { get; }

    /// <summary>Whether this is the root path.</summary>
    public bool IsRoot => Segments.IsEmpty;

    /// <summary>The parent path; the root's parent is the root.</summary>
    public ConfigPath Parent => IsRoot ? this : new ConfigPath(Segments.RemoveAt(Segments.Length - 1));

    /// <summary>The last segment; throws for the root.</summary>
    public PathSegment Last => IsRoot ? throw new InvalidOperationException("The root has no segment.") : Segments[^1];

    /// <summary>Builds a path from segments.</summary>
    public static ConfigPath From(IEnumerable<PathSegment> segments) => new(segments.ToImmutableArray());

    /// <summary>The path one map key below this one.</summary>
    public ConfigPath Key(string key) => new(Segments.Add(PathSegment.ForKey(key)));

    /// <summary>The path one sequence index below this one.</summary>
    public ConfigPath Index(int index) => new(Segments.Add(PathSegment.ForIndex(index)));

    /// <summary>Whether <paramref name="other"/> equals this path or lies below it.</summary>
    public bool IsPrefixOf(ConfigPath other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Segments.Length < Segments.Length)
        {
            return false;
        }

        for (var i = 0; i < Segments.Length; i++)
        {
            if (Segments[i] != other.Segments[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The path as a JSON Pointer (RFC 6901), e.g. <c>/database/hosts/0</c>.</summary>
    public string ToJsonPointer()
    {
        var sb = new StringBuilder();
        foreach (var segment in Segments)
        {
            sb.Append('/').Append(segment.ToString().Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
        }

        return sb.ToString();
    }

    /// <summary>
    /// Resolves a JSON Pointer against <paramref name="root"/>: a numeric token is an index where the node
    /// there is a sequence, a key otherwise. Tokens below a missing node are taken as keys.
    /// </summary>
    public static ConfigPath FromJsonPointer(string pointer, ConfigNode? root)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        var path = Root;
        if (pointer.Length == 0 || pointer == "/" && root is null)
        {
            return path;
        }

        var node = root;
        foreach (var raw in pointer.TrimStart('#').Split('/').Skip(1))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (node is ConfigSequence seq && int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
            {
                path = path.Index(index);
                node = index < seq.Count ? seq[index] : null;
            }
            else
            {
                path = path.Key(token);
                node = node is ConfigMap map && map.TryGetValue(token, out var child) ? child : null;
            }
        }

        return path;
    }

    /// <inheritdoc />
    public bool Equals(ConfigPath? other) =>
        other is not null && (ReferenceEquals(this, other) || Segments.SequenceEqual(other.Segments));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ConfigPath other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_text);

    /// <summary>Orders paths by text, ordinal.</summary>
    public int CompareTo(ConfigPath? other) => other is null ? 1 : string.CompareOrdinal(_text, other._text);

    /// <summary>The IConfiguration-style text, e.g. <c>database:hosts:0</c>.</summary>
    public override string ToString() => _text;

    /// <summary>Equality.</summary>
    public static bool operator ==(ConfigPath? left, ConfigPath? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(ConfigPath? left, ConfigPath? right) => !(left == right);

    /// <summary>Ordering.</summary>
    public static bool operator <(ConfigPath left, ConfigPath right) => left is null ? right is not null : left.CompareTo(right) < 0;

    /// <summary>Ordering.</summary>
    public static bool operator <=(ConfigPath left, ConfigPath right) => left is null || left.CompareTo(right) <= 0;

    /// <summary>Ordering.</summary>
    public static bool operator >(ConfigPath left, ConfigPath right) => left is not null && left.CompareTo(right) > 0;

    /// <summary>Ordering.</summary>
    public static bool operator >=(ConfigPath left, ConfigPath right) => left is null ? right is null : left.CompareTo(right) >= 0;
}
