using System.Collections.Immutable;

namespace HotReloadCluster.Core.Documents;

/// <summary>
/// A mapping from string keys to nodes. Keys are unique (ordinal). Entry order is the order of the
/// source file and is kept for display, but two maps with the same entries in another order are equal.
/// </summary>
public sealed class ConfigMap : ConfigNode
{
    // Never mutated after construction; a plain Dictionary is several times cheaper to build than an immutable one.
    private readonly Dictionary<string, ConfigNode> _byKey;
    private int? _hash;

    private ConfigMap(ImmutableArray<KeyValuePair<string, ConfigNode>> entries, Dictionary<string, ConfigNode> byKey, long nodeCount)
    {
        Entries = entries;
        _byKey = byKey;
        NodeCount = nodeCount;
    }

    /// <summary>The empty map.</summary>
    public static ConfigMap Empty { get; } = new([], new Dictionary<string, ConfigNode>(StringComparer.Ordinal), 1);

    /// <summary>The entries in source order.</summary>
    public ImmutableArray<KeyValuePair<string, ConfigNode>> Entries { get; }

    /// <summary>Number of entries.</summary>
    public int Count => Entries.Length;

    /// <summary>The keys in source order.</summary>
    public IEnumerable<string> Keys => Entries.Select(e => e.Key);

    /// <inheritdoc />
    public override long NodeCount { get; }

    /// <summary>The value at <paramref name="key"/>; throws <see cref="KeyNotFoundException"/> when absent.</summary>
    public ConfigNode this[string key] => _byKey[key];

    /// <summary>Creates a map; throws <see cref="ArgumentException"/> on a duplicate key.</summary>
    public static ConfigMap Create(IEnumerable<KeyValuePair<string, ConfigNode>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.ToImmutableArray();
        var builder = new Dictionary<string, ConfigNode>(list.Length, StringComparer.Ordinal);
        long count = 1;
        foreach (var (key, value) in list)
        {
            ArgumentNullException.ThrowIfNull(key);
            ArgumentNullException.ThrowIfNull(value);
            if (!builder.TryAdd(key, value))
            {
                throw new ArgumentException($"Duplicate key '{key}'.", nameof(entries));
            }

            count += value.NodeCount;
        }

        return new ConfigMap(list, builder, count);
    }

    /// <summary>Creates a map from <c>(key, value)</c> tuples.</summary>
    public static ConfigMap Create(params (string Key, ConfigNode Value)[] entries) =>
        Create(entries.Select(e => new KeyValuePair<string, ConfigNode>(e.Key, e.Value)));

    /// <summary>Looks up a key.</summary>
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ConfigNode? value) =>
        _byKey.TryGetValue(key, out value);

    /// <summary>Whether the key is present.</summary>
    public bool ContainsKey(string key) => _byKey.ContainsKey(key);

    /// <summary>A copy with <paramref name="key"/> set (replaced in place, or appended).</summary>
    public ConfigMap SetItem(string key, ConfigNode value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        var index = IndexOf(key);
        var entries = index >= 0
            ? Entries.SetItem(index, new KeyValuePair<string, ConfigNode>(key, value))
            : Entries.Add(new KeyValuePair<string, ConfigNode>(key, value));
        var count = NodeCount + value.NodeCount - (index >= 0 ? Entries[index].Value.NodeCount : 0);
        return new ConfigMap(entries, new Dictionary<string, ConfigNode>(_byKey, StringComparer.Ordinal) { [key] = value }, count);
    }

    /// <summary>A copy without <paramref name="key"/>.</summary>
    public ConfigMap Remove(string key)
    {
        var index = IndexOf(key);
        if (index < 0)
        {
            return this;
        }

        var byKey = new Dictionary<string, ConfigNode>(_byKey, StringComparer.Ordinal);
        byKey.Remove(key);
        return new ConfigMap(Entries.RemoveAt(index), byKey, NodeCount - Entries[index].Value.NodeCount);
    }

    /// <inheritdoc />
    public override bool Equals(ConfigNode? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is not ConfigMap map || map.Count != Count || map.NodeCount != NodeCount)
        {
            return false;
        }

        foreach (var (key, value) in Entries)
        {
            if (!map._byKey.TryGetValue(key, out var theirs) || !value.Equals(theirs))
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

        // Order-independent: XOR of per-entry hashes.
        var hash = 0x4D41_5000;
        foreach (var (key, value) in Entries)
        {
            hash ^= HashCode.Combine(StringComparer.Ordinal.GetHashCode(key), value.GetHashCode());
        }

        _hash = hash;
        return hash;
    }

    /// <inheritdoc />
    public override string ToString() => "{" + string.Join(", ", Entries.Select(e => e.Key + ": " + e.Value)) + "}";

    private int IndexOf(string key)
    {
        for (var i = 0; i < Entries.Length; i++)
        {
            if (string.Equals(Entries[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
