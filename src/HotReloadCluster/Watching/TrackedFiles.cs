using System.Collections.Immutable;

namespace HotReloadCluster.Watching;

/// <summary>The files a root's watcher tracks.</summary>
/// <param name="Root">The root.</param>
/// <param name="Files">The tracked topic files, ordered.</param>
/// <param name="UsingNotifications">Whether an inotify watcher is active (false while polling or while the root is missing).</param>
public sealed record TrackedFiles(string Root, ImmutableArray<string> Files, bool UsingNotifications);
