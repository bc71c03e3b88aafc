namespace HotReloadCluster.Admin;

/// <summary>What one subscriber node last applied or refused of a topic.</summary>
/// <param name="Address">The node's address.</param>
/// <param name="Version">The version it applied, or refused when <paramref name="Error"/> is set.</param>
/// <param name="At">When it applied or refused it (the node's clock).</param>
/// <param name="Error">Why it refused it (cut at 500 characters); null when applied.</param>
public sealed record TopicNodeInfo(string Address, long Version, DateTimeOffset At, string? Error)
{
    /// <summary>Whether the node runs <paramref name="current"/> without error.</summary>
    /// <param name="current">The topic's current version.</param>
    public bool Runs(long current) => Error is null && Version == current;
}
