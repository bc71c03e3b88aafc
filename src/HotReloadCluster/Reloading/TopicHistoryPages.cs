using System.Collections.Immutable;

namespace HotReloadCluster.Reloading;

/// <summary>Cuts a topic's history into pages that each fit one remoting frame.</summary>
internal static class TopicHistoryPages
{
    /// <summary>The text budget of one page (a remoting frame is 128,000 bytes).</summary>
    public const int PageBytes = 48 * 1024;

    /// <summary>
    /// The page of <paramref name="all"/> from <paramref name="offset"/>: at most <paramref name="max"/> entries (capped at
    /// <see cref="GetHistory.MaxPage"/>) and about <see cref="PageBytes"/> of text, at least one entry.
    /// </summary>
    public static TopicHistory Page(string topic, ImmutableArray<HistoryEntry> all, int offset, int max)
    {
        offset = Math.Clamp(offset, 0, all.Length);
        max = Math.Clamp(max, 1, GetHistory.MaxPage);
        var page = ImmutableArray.CreateBuilder<HistoryEntry>();
        var bytes = 0;
        for (var i = offset; i < all.Length && page.Count < max; i++)
        {
            var size = Size(all[i]);
            if (page.Count > 0 && bytes + size > PageBytes)
            {
                break;
            }

            page.Add(all[i]);
            bytes += size;
        }

        return new TopicHistory(topic, page.ToImmutable(), offset, all.Length);
    }

    /// <summary>An upper estimate of an entry's serialized size (JSON escaping can double a character).</summary>
    private static int Size(HistoryEntry entry) =>
        300
        + (2 * ((entry.Origin.FilePath?.Length ?? 0) + (entry.Origin.By?.Length ?? 0) + (entry.Origin.Reason?.Length ?? 0) + (entry.Hash?.Length ?? 0)))
        + entry.Errors.Sum(e => (2 * (e.Message.Length + e.Path.Length + (e.Validator?.Length ?? 0))) + 60);
}
