namespace HotReloadCluster.Admin;

/// <summary>What an admin token may do.</summary>
public enum AdminRole
{
    /// <summary>Read: status, topics, show, history, diff, audit, tail.</summary>
    Viewer,

    /// <summary>Also reload and roll back.</summary>
    Operator,
}
