namespace HotReloadCluster.Core.Parsing;

/// <summary>
/// The keys seen so far in one map, with where each was first seen, for duplicate detection. Config maps are
/// mostly small, so up to <see cref="LinearLimit"/> keys are scanned linearly and a dictionary is only built for
/// larger maps; this keeps the common case allocation-light while large maps stay linear overall.
/// </summary>
/// <typeparam name="TPosition">How a position is recorded (a YAML mark, a JSON byte offset).</typeparam>
internal sealed class KeySet<TPosition>
{
    private const int LinearLimit = 8;
    private readonly List<(string Key, TPosition Position)> _keys = [];
    private Dictionary<string, TPosition>? _index;

    /// <summary>All keys added, in order.</summary>
    public IEnumerable<string> Keys => _keys.Select(k => k.Key);

    /// <summary>Adds a key; when it is already present returns <see langword="false"/> and where it was first seen.</summary>
    public bool TryAdd(string key, TPosition position, out TPosition firstPosition)
    {
        if (_index is not null)
        {
            if (_index.TryGetValue(key, out firstPosition!))
            {
                return false;
            }

            _index.Add(key, position);
        }
        else
        {
            foreach (var (existing, at) in _keys)
            {
                if (string.Equals(existing, key, StringComparison.Ordinal))
                {
                    firstPosition = at;
                    return false;
                }
            }

            if (_keys.Count == LinearLimit)
            {
                _index = new Dictionary<string, TPosition>(StringComparer.Ordinal);
                foreach (var (existing, at) in _keys)
                {
                    _index.Add(existing, at);
                }

                _index.Add(key, position);
            }
        }

        _keys.Add((key, position));
        firstPosition = default!;
        return true;
    }
}
