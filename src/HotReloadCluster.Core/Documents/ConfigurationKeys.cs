using System.Globalization;

namespace HotReloadCluster.Core.Documents;

/// <summary>
/// Walks a tree the way Microsoft.Extensions.Configuration.Json's <c>JsonConfigurationFileParser</c> walks a JSON
/// document, and yields the keys it would set: a scalar sets its key; an empty map or sequence below the root sets its
/// own key (to <see langword="null"/> and <c>""</c>); map keys and sequence indexes are joined with ':' (an empty
/// key too: <c>{"": {"a": 1}}</c> gives <c>:a</c>). Shared by <see cref="ConfigDocument.Flatten"/> and the
/// key-collision check. Recurses once per nesting level, which <see cref="Parsing.ParseLimits.MaxDepth"/> bounds for
/// parsed documents (as for <see cref="Parsing.ConfigWriter"/>).
/// </summary>
internal static class ConfigurationKeys
{
    /// <summary>Called for each key in document order; returns <see langword="false"/> to stop the walk.</summary>
    /// <param name="key">The IConfiguration key, keys as written.</param>
    /// <param name="leaf">The scalar, or the empty map or sequence, that sets it.</param>
    /// <param name="path">The path to <paramref name="leaf"/>; valid only during the call.</param>
    public delegate bool LeafVisitor(string key, ConfigNode leaf, IReadOnlyList<PathSegment> path);

    /// <summary>
    /// The value that Microsoft.Extensions.Configuration.Json sets for <paramref name="leaf"/>: <see langword="null"/>
    /// for an empty map, <c>""</c> for an empty sequence, <see cref="ConfigScalar.ToConfigurationValue"/> for a scalar.
    /// </summary>
    public static string? ValueOf(ConfigNode leaf) => leaf switch
    {
        ConfigScalar scalar => scalar.ToConfigurationValue(),
        ConfigSequence => string.Empty,
        _ => null,
    };

    /// <summary>Visits every key; returns <see langword="false"/> when <paramref name="visit"/> stopped the walk.</summary>
    public static bool Walk(ConfigNode root, LeafVisitor visit)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(visit);
        return Walk(root, null, [], visit);
    }

    /// <summary>
    /// Whether two keys of the tree can be the same IConfiguration key. Keys compare ignoring case and ':' separates
    /// sections, so two different paths give the same key only when some map holds two keys that differ in case alone
    /// or some key contains ':'; without either, every key splits back into one path. Cheap: no key is built.
    /// </summary>
    public static bool MayCollide(ConfigNode node)
    {
        switch (node)
        {
            case ConfigMap map:
                var entries = map.Entries;
                for (var i = 0; i < entries.Length; i++)
                {
                    if (entries[i].Key.Contains(':', StringComparison.Ordinal) || MayCollide(entries[i].Value))
                    {
                        return true;
                    }
                }

                return HasKeysDifferingInCaseOnly(map);
            case ConfigSequence sequence:
                foreach (var item in sequence.Items)
                {
                    if (MayCollide(item))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static bool HasKeysDifferingInCaseOnly(ConfigMap map)
    {
        var entries = map.Entries;
        if (entries.Length <= 8)
        {
            for (var i = 1; i < entries.Length; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (string.Equals(entries[i].Key, entries[j].Key, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        var seen = new HashSet<string>(entries.Length, StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            if (!seen.Add(entry.Key))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Walk(ConfigNode node, string? key, List<PathSegment> path, LeafVisitor visit)
    {
        switch (node)
        {
            case ConfigMap { Count: 0 }:
            case ConfigSequence { Count: 0 }:
                // The root itself sets no key (an empty file is an empty configuration).
                return key is null || visit(key, node, path);
            case ConfigMap map:
                foreach (var (childKey, child) in map.Entries)
                {
                    path.Add(PathSegment.ForKey(childKey));
                    var go = Walk(child, key is null ? childKey : string.Concat(key, ":", childKey), path, visit);
                    path.RemoveAt(path.Count - 1);
                    if (!go)
                    {
                        return false;
                    }
                }

                return true;
            case ConfigSequence sequence:
                for (var i = 0; i < sequence.Count; i++)
                {
                    var index = i.ToString(CultureInfo.InvariantCulture);
                    path.Add(PathSegment.ForIndex(i));
                    var go = Walk(sequence[i], key is null ? index : string.Concat(key, ":", index), path, visit);
                    path.RemoveAt(path.Count - 1);
                    if (!go)
                    {
                        return false;
                    }
                }

                return true;
            default:
                return visit(key ?? string.Empty, node, path);
        }
    }
}
