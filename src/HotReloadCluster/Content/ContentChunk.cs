using HotReloadCluster.Serialization;

namespace HotReloadCluster.Content;

/// <summary>Part of a content, the answer to <see cref="FetchContent"/>.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Hash">The hash of the whole content.</param>
/// <param name="Offset">Where <paramref name="Data"/> starts.</param>
/// <param name="Total">The whole content's size in bytes.</param>
/// <param name="Data">The bytes (UTF-8).</param>
internal sealed record ContentChunk(string Topic, string Hash, long Offset, long Total, byte[] Data) : IHotReloadMessage, IWithTopic
{
    /// <summary>
    /// The largest chunk: 64 KiB, half of Akka.Remote's default maximum frame size (128,000 bytes), so a chunk and its
    /// envelope always fit.
    /// </summary>
    public const int MaxBytes = 64 * 1024;
}
