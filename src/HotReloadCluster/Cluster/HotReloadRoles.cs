namespace HotReloadCluster.Cluster;

/// <summary>The cluster roles. A node may carry several; the embedded default carries all three.</summary>
public static class HotReloadRoles
{
    /// <summary>Reads the watched roots and hosts the ReloadActors (and so the watchers).</summary>
    public const string Source = "config-source";

    /// <summary>Hosts the ConfigRegistry shards (and, later, the admin endpoint).</summary>
    public const string Registry = "config-registry";

    /// <summary>A service node that subscribes to topics.</summary>
    public const string Subscriber = "config-subscriber";

    /// <summary>Every role.</summary>
    public static IReadOnlyList<string> All { get; } = [Source, Registry, Subscriber];
}
