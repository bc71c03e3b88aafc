namespace HotReloadCluster.Core.Events;

/// <summary>Well-known keys of <see cref="ReloadEvent.Metadata"/>.</summary>
public static class ReloadEventMetadata
{
    /// <summary>How long the reload took, in milliseconds, as an invariant-culture number.</summary>
    public const string ReloadTimeMs = "reload_time_ms";

    /// <summary>The content hash of the configuration.</summary>
    public const string Hash = "hash";

    /// <summary>Where the change came from (a node address, "file", "api", ...).</summary>
    public const string Origin = "origin";

    /// <summary>The version that was current before this event.</summary>
    public const string PreviousVersion = "previous_version";

    /// <summary>Why the event happened (e.g. why a rollback was made).</summary>
    public const string Reason = "reason";

    /// <summary>How many attempts the reload took.</summary>
    public const string Attempts = "attempts";
}
