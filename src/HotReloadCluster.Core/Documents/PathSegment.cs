using System.Globalization;

namespace HotReloadCluster.Core.Documents;

/// <summary>One step of a <see cref="ConfigPath"/>: a map key or a sequence index.</summary>
public readonly record struct PathSegment
{
    private PathSegment(string? key, int index)
    {
        Key = key;
        Index = index;
    }

    /// <summary>The map key, or <see langword="null"/> for an index segment.</summary>
    public string? Key { get; }

    /// <summary>The sequence index, or -1 for a key segment.</summary>
    public int Index { get; }

    /// <summary>Whether this segment is a sequence index.</summary>
    public bool IsIndex => Key is null;

    /// <summary>A map-key segment.</summary>
    public static PathSegment ForKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new PathSegment(key, -1);
    }

    /// <summary>A sequence-index segment.</summary>
    public static PathSegment ForIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new PathSegment(null, index);
    }

    /// <inheritdoc />
    public override string ToString() => Key ?? Index.ToString(CultureInfo.InvariantCulture);
}
