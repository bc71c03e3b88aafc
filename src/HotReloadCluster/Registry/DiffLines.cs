using System.Collections.Immutable;
using System.Globalization;
using HotReloadCluster.Core.Diffing;

namespace HotReloadCluster.Registry;

/// <summary>The diff as it travels with a version: one line per change, bounded so the message stays small.</summary>
internal static class DiffLines
{
    /// <summary>At most this many lines travel; a last line counts the rest.</summary>
    public const int MaxLines = 200;

    /// <summary>A longer line is cut.</summary>
    public const int MaxLineLength = 300;

    /// <summary>The lines of <paramref name="diff"/>, bounded.</summary>
    public static ImmutableArray<string> From(ConfigDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var entries = diff.Entries;
        var lines = ImmutableArray.CreateBuilder<string>(Math.Min(entries.Length, MaxLines) + 1);
        foreach (var entry in entries.Take(MaxLines))
        {
            var line = entry.ToString();
            lines.Add(line.Length > MaxLineLength ? line[..MaxLineLength] + "..." : line);
        }

        if (entries.Length > MaxLines)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"... and {entries.Length - MaxLines} more changes (hrc diff shows them all)"));
        }

        return lines.ToImmutable();
    }
}
