namespace HotReloadCluster.Core.Diffing;

/// <summary>What happened at one path between two documents.</summary>
public enum DiffKind
{
    /// <summary>The path exists only in the new document.</summary>
    Added,

    /// <summary>The path exists only in the old document.</summary>
    Removed,

    /// <summary>The path exists in both with another value (or another kind of node).</summary>
    Changed,
}
