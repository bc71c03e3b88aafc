using HotReloadCluster.Serialization;

namespace HotReloadCluster.Content;

/// <summary>
/// Asks a topic's ReloadActor for part of the content with <paramref name="Hash"/> (the current version's, or a kept
/// older version's, read back from the journal). Answered with <see cref="ContentChunk"/> or
/// <see cref="ContentUnavailable"/>. Content travels in chunks so that no message depends on the remoting frame size.
/// </summary>
/// <param name="Topic">The topic.</param>
/// <param name="Hash">The content hash.</param>
/// <param name="Offset">The first byte wanted.</param>
/// <param name="MaxBytes">At most this many bytes (capped at <see cref="ContentChunk.MaxBytes"/>).</param>
internal sealed record FetchContent(string Topic, string Hash, long Offset, int MaxBytes) : IHotReloadMessage, IWithTopic;
