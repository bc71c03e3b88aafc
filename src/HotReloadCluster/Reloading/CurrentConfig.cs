using HotReloadCluster.Serialization;

namespace HotReloadCluster.Reloading;

/// <summary>A topic's current version and its relation to the file.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Current">The current version, or null when none was ever applied.</param>
/// <param name="FilePath">The watched file.</param>
/// <param name="FileHash">The file's hash now (null when missing or unreadable).</param>
/// <param name="FileDiffers">Whether the file's content differs from the current version.</param>
public sealed record CurrentConfig(string Topic, ConfigApplied? Current, string? FilePath, string? FileHash, bool FileDiffers) : IHotReloadMessage, IWithTopic
{
    /// <summary>Whether the topic is pinned by a rollback.</summary>
    public bool Pinned => Current?.Pinned ?? false;
}
