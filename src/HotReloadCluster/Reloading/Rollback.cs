using HotReloadCluster.Serialization;

namespace HotReloadCluster.Reloading;

/// <summary>
/// Restores an earlier version's content as a new version (origin <c>rollback(to N)</c>) and pins the topic
/// until its file changes again. Answered with a <see cref="ReloadOutcome"/>.
/// </summary>
/// <param name="Topic">The topic.</param>
/// <param name="Mode">Previous, initial, or a given version.</param>
/// <param name="Version">The version for <see cref="RollbackMode.ToVersion"/>.</param>
/// <param name="RequestedBy">Who asked.</param>
public sealed record Rollback(string Topic, RollbackMode Mode, long? Version, string RequestedBy) : IHotReloadMessage, IWithTopic
{
    /// <summary>Roll back to the previous version.</summary>
    public static Rollback ToPrevious(string topic, string by) => new(topic, RollbackMode.Previous, null, by);

    /// <summary>Roll back to version 1.</summary>
    public static Rollback ToInitial(string topic, string by) => new(topic, RollbackMode.Initial, null, by);

    /// <summary>Roll back to <paramref name="version"/>.</summary>
    public static Rollback To(string topic, long version, string by) => new(topic, RollbackMode.ToVersion, version, by);
}
