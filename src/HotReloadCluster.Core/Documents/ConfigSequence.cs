using System.Collections.Immutable;

namespace HotReloadCluster.Core.Documents;

/// <summary>An ordered list of nodes.</summary>
public sealed class ConfigSequence : ConfigNode
{
    private int? _hash;

    private ConfigSequence(ImmutableArray<ConfigNode> items, long nodeCount)
    {
        Items = items;
        NodeCount = nodeCount;
    }

    /// <summary>The empty sequence.</summary>
    public static ConfigSequence Empty { get; } = new([], 1);

    /// <summary>The items in order.</summary>
    public ImmutableArray<ConfigNode> Items { get; }

    /// <summary>Number of items.</summary>
    public int Count => Items.Length;

    /// <inheritdoc />
    public override long NodeCount { get; }

    /// <summary>The item at <paramref name="index"/>.</summary>
    public ConfigNode this[int index] => Items[index];

    /// <summary>Creates a sequence.</summary>
    public static ConfigSequence Create(IEnumerable<ConfigNode> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var array = items.ToImmutableArray();
        long count = 1;
        foreach (var item in array)
        {
            ArgumentNullException.ThrowIfNull(item);
            count += item.NodeCount;
        }

        return new ConfigSequence(array, count);
    }

    /// <summary>Creates a sequence.</summary>
    public static ConfigSequence Create(params ConfigNode[] items) => Create((IEnumerable<ConfigNode>)items);

    /// <summary>A copy with the item at <paramref name="index"/> replaced.</summary>
    public ConfigSequence SetItem(int index, ConfigNode value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new ConfigSequence(Items.SetItem(index, value), NodeCount - Items[index].NodeCount + value.NodeCount);
    }

    /// <summary>A copy with <paramref name="value"/> appended.</summary>
    public ConfigSequence Add(ConfigNode value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new ConfigSequence(Items.Add(value), NodeCount + value.NodeCount);
    }

    /// <summary>A copy without the item at <paramref name="index"/>.</summary>
    public ConfigSequence RemoveAt(int index) =>
        new(Items.RemoveAt(index), NodeCount - Items[index].NodeCount);

    /// <inheritdoc />
    public override bool Equals(ConfigNode? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is not ConfigSequence seq || seq.Count != Count || seq.NodeCount != NodeCount)
        {
            return false;
        }

        for (var i = 0; i < Items.Length; i++)
        {
            if (!Items[i].Equals(seq.Items[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override int GetHashCode()
    {
        if (_hash is { } cached)
        {
            return cached;
        }

        var hash = new HashCode();
        hash.Add(0x5345_5100);
        foreach (var item in Items)
        {
            hash.Add(item.GetHashCode());
        }

        _hash = hash.ToHashCode();
        return _hash.Value;
    }

    /// <inheritdoc />
    public override string ToString() => "[" + string.Join(", ", Items) + "]";
}
