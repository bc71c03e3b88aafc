using System.Collections.Immutable;
using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Core.Diffing;

/// <summary>
/// Applies diff entries to a tree. Added and Changed entries go first, in order; then Removed entries in
/// reverse order, so that sequence items are removed from the highest index down. Every step checks that
/// the entry fits and throws <see cref="InvalidOperationException"/> when it does not.
/// </summary>
internal static class DiffApplier
{
    internal static ConfigNode Apply(ConfigNode root, ImmutableArray<DiffEntry> entries)
    {
        foreach (var entry in entries)
        {
            if (entry.Kind != DiffKind.Removed)
            {
                root = Update(root, entry, 0);
            }
        }

        for (var i = entries.Length - 1; i >= 0; i--)
        {
            if (entries[i].Kind == DiffKind.Removed)
            {
                root = Update(root, entries[i], 0);
            }
        }

        return root;
    }

    private static ConfigNode Update(ConfigNode node, DiffEntry entry, int depth)
    {
        var segments = entry.Path.Segments;
        if (depth == segments.Length)
        {
            if (entry.Kind != DiffKind.Changed)
            {
                throw Misfit(entry, $"{entry.Kind} needs a path below the root");
            }

            Expect(node, entry);
            return entry.NewValue ?? throw Misfit(entry, "it has no new value");
        }

        var segment = segments[depth];
        var last = depth == segments.Length - 1;
        switch (node)
        {
            case ConfigMap map when !segment.IsIndex:
                var key = segment.Key!;
                if (last && entry.Kind == DiffKind.Added)
                {
                    return map.ContainsKey(key)
                        ? throw Misfit(entry, "the key is already present")
                        : map.SetItem(key, entry.NewValue ?? throw Misfit(entry, "it has no new value"));
                }

                if (!map.TryGetValue(key, out var child))
                {
                    throw Misfit(entry, $"key '{key}' is missing");
                }

                if (last && entry.Kind == DiffKind.Removed)
                {
                    Expect(child, entry);
                    return map.Remove(key);
                }

                return map.SetItem(key, Update(child, entry, depth + 1));
            case ConfigSequence sequence when segment.IsIndex:
                var index = segment.Index;
                if (last && entry.Kind == DiffKind.Added)
                {
                    return index == sequence.Count
                        ? sequence.Add(entry.NewValue ?? throw Misfit(entry, "it has no new value"))
                        : throw Misfit(entry, $"an item can only be added at the end (index {sequence.Count})");
                }

                if (index >= sequence.Count)
                {
                    throw Misfit(entry, $"index {index} is past the end");
                }

                if (last && entry.Kind == DiffKind.Removed)
                {
                    if (index != sequence.Count - 1)
                    {
                        throw Misfit(entry, $"only the last item (index {sequence.Count - 1}) can be removed");
                    }

                    Expect(sequence[index], entry);
                    return sequence.RemoveAt(index);
                }

                return sequence.SetItem(index, Update(sequence[index], entry, depth + 1));
            default:
                throw Misfit(entry, $"the node at segment {depth} is not a {(segment.IsIndex ? "sequence" : "map")}");
        }
    }

    private static void Expect(ConfigNode actual, DiffEntry entry)
    {
        if (entry.OldValue is null || !actual.Equals(entry.OldValue))
        {
            throw Misfit(entry, "the current value is not the entry's old value");
        }
    }

    private static InvalidOperationException Misfit(DiffEntry entry, string reason) =>
        new($"The diff does not fit the document at '{(entry.Path.IsRoot ? "<root>" : entry.Path.ToString())}' ({entry.Kind}): {reason}.");
}
