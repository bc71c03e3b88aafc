using System.Collections.Immutable;

namespace HotReloadCluster.Watching;

/// <summary>The topics a root's watcher tracks.</summary>
/// <param name="Root">The root.</param>
/// <param name="Topics">The tracked topics, ordered.</param>
/// <param name="UsingNotifications">Whether an inotify watcher is active (false while polling or while the root is missing).</param>
/// <param name="Polling">Whether the root is polled (asked for, or inotify refused it).</param>
internal sealed record TrackedFiles(string Root, ImmutableArray<string> Topics, bool UsingNotifications, bool Polling = false);
