namespace HotReloadCluster.Diagnostics;

/// <summary>The names under which <c>AddHotReloadChecks</c> registers its checks.</summary>
public static class HotReloadHealthCheckNames
{
    /// <summary><see cref="ClusterMemberHealthCheck"/>.</summary>
    public const string Member = "hotreload-member";

    /// <summary><see cref="JournalHealthCheck"/>.</summary>
    public const string Journal = "hotreload-journal";

    /// <summary><see cref="WatcherHealthCheck"/>.</summary>
    public const string Watchers = "hotreload-watchers";

    /// <summary><see cref="TopicHealthCheck"/>.</summary>
    public const string Topics = "hotreload-topics";

    /// <summary><see cref="StaleCacheHealthCheck"/>.</summary>
    public const string Subscriptions = "hotreload-subscriptions";
}
