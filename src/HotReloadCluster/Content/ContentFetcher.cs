using System.Globalization;
using Akka.Actor;
using HotReloadCluster.Core.Hashing;

namespace HotReloadCluster.Content;

/// <summary>
/// Fetches a content by hash from a topic's ReloadActor (through the shard region) in <see cref="ContentChunk.MaxBytes"/>
/// chunks, a few in flight at once, and checks the hash of the whole. Every message stays far below Akka.Remote's frame
/// size, so any content up to the file limit travels.
/// </summary>
internal static class ContentFetcher
{
    /// <summary>How many chunk requests are in flight at once.</summary>
    public const int Window = 4;

    /// <summary>The largest content accepted (the file limit's upper end), a guard against a corrupt answer.</summary>
    public const long MaxTotalBytes = 256L * 1024 * 1024;

    /// <summary>
    /// The content of <paramref name="topic"/> with <paramref name="hash"/>, from <paramref name="source"/> (the ReloadActor
    /// shard region or the actor itself); each chunk must arrive within <paramref name="chunkTimeout"/>.
    /// </summary>
    /// <exception cref="ContentUnavailableException">No kept version has that content, or the answer is corrupt.</exception>
    /// <exception cref="AskTimeoutException">A chunk did not arrive in time.</exception>
    public static async Task<byte[]> FetchAsync(IActorRef source, string topic, string hash, TimeSpan chunkTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var first = await ChunkAsync(source, topic, hash, 0, chunkTimeout, cancellationToken).ConfigureAwait(false);
        if (first.Total < 0 || first.Total > MaxTotalBytes)
        {
            throw new ContentUnavailableException(topic, hash, string.Create(CultureInfo.InvariantCulture, $"the source announced {first.Total} bytes"));
        }

        var buffer = new byte[first.Total];
        first.Data.CopyTo(buffer, 0);
        var offsets = new List<long>();
        for (var offset = (long)first.Data.Length; offset < first.Total; offset += ContentChunk.MaxBytes)
        {
            offsets.Add(offset);
        }

        for (var i = 0; i < offsets.Count; i += Window)
        {
            var batch = offsets.Skip(i).Take(Window).Select(offset => ChunkAsync(source, topic, hash, offset, chunkTimeout, cancellationToken));
            foreach (var chunk in await Task.WhenAll(batch).ConfigureAwait(false))
            {
                if (chunk.Total != first.Total || chunk.Offset + chunk.Data.Length > buffer.Length)
                {
                    throw new ContentUnavailableException(topic, hash, "the content changed size while it was fetched");
                }

                chunk.Data.CopyTo(buffer, chunk.Offset);
            }
        }

        if (!string.Equals(ContentHash.Compute(buffer), hash, StringComparison.Ordinal))
        {
            throw new ContentUnavailableException(topic, hash, "the fetched bytes do not have the announced hash");
        }

        return buffer;
    }

    private static async Task<ContentChunk> ChunkAsync(IActorRef source, string topic, string hash, long offset, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var reply = await source.Ask<object>(new FetchContent(topic, hash, offset, ContentChunk.MaxBytes), timeout, cancellationToken).ConfigureAwait(false);
        return reply switch
        {
            ContentChunk chunk when chunk.Offset == offset && string.Equals(chunk.Hash, hash, StringComparison.Ordinal) => chunk,
            ContentUnavailable unavailable => throw new ContentUnavailableException(topic, hash, unavailable.Reason),
            Reloading.TopicNotFound => throw new ContentUnavailableException(topic, hash, "the topic does not exist"),
            _ => throw new ContentUnavailableException(topic, hash, "unexpected answer " + reply.GetType().Name),
        };
    }
}
