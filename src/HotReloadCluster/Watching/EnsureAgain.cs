namespace HotReloadCluster.Watching;

/// <summary>
/// Sent by a root watcher to its file watchers when a source node left the cluster: each asks again that its
/// topic's ReloadActor runs (it may have lived on the node that left).
/// </summary>
internal sealed record EnsureAgain
{
    public static readonly EnsureAgain Instance = new();

    private EnsureAgain()
    {
    }
}
