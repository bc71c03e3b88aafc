using System.Collections.Immutable;
using HotReloadCluster.Core.Debouncing;

namespace HotReloadCluster.Watching;

/// <summary>How one root directory is watched.</summary>
internal sealed record WatchRootSettings
{
    /// <summary>Creates settings for <paramref name="root"/> (made absolute).</summary>
    public WatchRootSettings(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The absolute root directory.</summary>
    public string Root { get; }

    /// <summary>When not empty, only these files (absolute paths) are topics; otherwise every topic file under the root.</summary>
    public ImmutableHashSet<string> OnlyFiles { get; init; } = [];

    /// <summary>Poll instead of using inotify (for filesystems without change notifications). Default false.</summary>
    public bool Polling { get; init; }

    /// <summary>How often to poll when <see cref="Polling"/> is on; also how often a missing root is looked for. Default 1 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The debounce applied per topic.</summary>
    public DebounceConfig Debounce { get; init; } = DebounceConfig.Default;

    /// <summary>The clock the debouncers use.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Whether <paramref name="fullPath"/> is a topic of this root.</summary>
    public bool IsTopic(string fullPath) =>
        Topics.TopicNaming.IsTopicFile(Root, fullPath) && (OnlyFiles.IsEmpty || OnlyFiles.Contains(fullPath));
}
