using System.Collections.Immutable;
using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Core.Diffing;

/// <summary>Computes the entries of a <see cref="ConfigDiff"/>.</summary>
internal static class DiffBuilder
{
    internal static ImmutableArray<DiffEntry> Compute(ConfigNode from, ConfigNode to)
    {
        var entries = ImmutableArray.CreateBuilder<DiffEntry>();
        Compare(from, to, ConfigPath.Root, entries);
        return entries.ToImmutable();
    }

    private static void Compare(ConfigNode from, ConfigNode to, ConfigPath path, ImmutableArray<DiffEntry>.Builder entries)
    {
        if (ReferenceEquals(from, to))
        {
            return;
        }

        switch (from, to)
        {
            case (ConfigMap oldMap, ConfigMap newMap):
                foreach (var (key, oldValue) in oldMap.Entries)
                {
                    if (newMap.TryGetValue(key, out var newValue))
                    {
                        Compare(oldValue, newValue, path.Key(key), entries);
                    }
                    else
                    {
                        entries.Add(new DiffEntry(DiffKind.Removed, path.Key(key), oldValue, null));
                    }
                }

                foreach (var (key, newValue) in newMap.Entries)
                {
                    if (!oldMap.ContainsKey(key))
                    {
                        entries.Add(new DiffEntry(DiffKind.Added, path.Key(key), null, newValue));
                    }
                }

                break;
            case (ConfigSequence oldSequence, ConfigSequence newSequence):
                var common = Math.Min(oldSequence.Count, newSequence.Count);
                for (var i = 0; i < common; i++)
                {
                    Compare(oldSequence[i], newSequence[i], path.Index(i), entries);
                }

                for (var i = common; i < newSequence.Count; i++)
                {
                    entries.Add(new DiffEntry(DiffKind.Added, path.Index(i), null, newSequence[i]));
                }

                for (var i = common; i < oldSequence.Count; i++)
                {
                    entries.Add(new DiffEntry(DiffKind.Removed, path.Index(i), oldSequence[i], null));
                }

                break;
            default:
                // Two scalars, or a change of node kind: one entry at this path.
                if (!from.Equals(to))
                {
                    entries.Add(new DiffEntry(DiffKind.Changed, path, from, to));
                }

                break;
        }
    }
}
