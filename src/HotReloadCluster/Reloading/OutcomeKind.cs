namespace HotReloadCluster.Reloading;

/// <summary>The result of a reload or rollback command.</summary>
public enum OutcomeKind
{
    /// <summary>A new version was applied.</summary>
    Applied,

    /// <summary>The file's content equals the current version: nothing to do.</summary>
    Unchanged,

    /// <summary>The content was read but rejected (parse, substitution or validation errors).</summary>
    Rejected,

    /// <summary>The file could not be read (missing, unreadable, too large).</summary>
    Failed,

    /// <summary>The command was refused (e.g. a rollback to a version that does not exist).</summary>
    Refused,
}
