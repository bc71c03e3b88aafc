namespace HotReloadCluster.Reloading;

/// <summary>Which earlier version a <see cref="Rollback"/> restores.</summary>
public enum RollbackMode
{
    /// <summary>The version before the current one.</summary>
    Previous,

    /// <summary>Version 1.</summary>
    Initial,

    /// <summary>A given version.</summary>
    ToVersion,
}
