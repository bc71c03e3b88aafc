using HotReloadCluster.Core.Debouncing;
using HotReloadCluster.Reloading;

namespace HotReloadCluster.Hosting;

/// <summary>What a node watches and how it reloads.</summary>
public sealed class HotReloadOptions
{
    /// <summary>
    /// Folders (every topic file below them) or single files to watch. Files in one folder share one watcher.
    /// </summary>
    public IList<string> WatchPaths { get; } = [];

    /// <summary>The debounce per topic; null means <see cref="DefaultDebounce"/>.</summary>
    public DebounceConfig? Debounce { get; set; }

    /// <summary>Poll for changes instead of inotify (network filesystems). Default false.</summary>
    public bool Polling { get; set; }

    /// <summary>The poll interval (and how often a missing root is looked for); null means 1 s.</summary>
    public TimeSpan? PollInterval { get; set; }

    /// <summary>Validation, retries, hooks, limits; null means defaults.</summary>
    public ReloadSettings? Reload { get; set; }

    /// <summary>The journal; null means SQLite at <c>data/hotreload.db</c>.</summary>
    public HotReloadPersistence? Persistence { get; set; }

    /// <summary>The clock for debouncing and timestamps; null means the system clock.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>
    /// The node's default debounce: a fixed 20 ms after the last event, capped at 500 ms for a file written
    /// continuously. 20 ms covers the 1–2 events of one save and an editor's rename-save (both well under
    /// 1 ms apart here); a partial write that slips through is retried by the ReloadActor, and the content hash
    /// stops a double reload, so a longer wait buys no safety, only latency.
    /// </summary>
    public static DebounceConfig DefaultDebounce { get; } = new()
    {
        Strategy = DebounceStrategy.FixedDelay,
        BaseDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromMilliseconds(500),
    };
}
