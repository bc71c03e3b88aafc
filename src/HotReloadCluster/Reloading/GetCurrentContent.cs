namespace HotReloadCluster.Reloading;

/// <summary>
/// In-process only (it is not serializable): asks a topic's ReloadActor for its current version with content, answered
/// with <see cref="CurrentContent"/>. Other nodes fetch content by hash in chunks instead.
/// </summary>
/// <param name="Topic">The topic.</param>
internal sealed record GetCurrentContent(string Topic) : Serialization.IWithTopic;

/// <summary>The answer to <see cref="GetCurrentContent"/>.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Current">The current version with its content, or null.</param>
internal sealed record CurrentContent(string Topic, ConfigApplied? Current)
{
    /// <summary>Whether a rollback pins the topic.</summary>
    public bool Pinned => Current?.Pinned ?? false;
}
