namespace HotReloadCluster.Watching;

/// <summary>Asks a root's watcher which files it tracks; answered with <see cref="TrackedFiles"/>.</summary>
internal sealed record GetTrackedFiles
{
    /// <summary>The instance.</summary>
    public static GetTrackedFiles Instance { get; } = new();

    private GetTrackedFiles()
    {
    }
}
