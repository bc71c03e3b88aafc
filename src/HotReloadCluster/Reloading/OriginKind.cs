namespace HotReloadCluster.Reloading;

/// <summary>What caused a version or a rejected attempt.</summary>
public enum OriginKind
{
    /// <summary>The first version of a topic, read from its file.</summary>
    Initial,

    /// <summary>A change of the watched file.</summary>
    File,

    /// <summary>An operator's manual reload.</summary>
    Admin,

    /// <summary>A rollback (manual or automatic) to an earlier version's content.</summary>
    Rollback,
}
