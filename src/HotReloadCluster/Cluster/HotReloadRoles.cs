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

    /// <summary>
    /// Given automatically to every node that is a <see cref="Source"/> or a <see cref="Registry"/>: the split brain
    /// resolver counts only these nodes (keep-majority restricted to this role), so subscribers never outvote config nodes.
    /// </summary>
    public const string ConfigNode = "config-node";

    /// <summary>Every role a user chooses from.</summary>
    public static IReadOnlyList<string> All { get; } = [Source, Registry, Subscriber];

    /// <summary><paramref name="roles"/> plus <see cref="ConfigNode"/> when they include a config role.</summary>
    public static IReadOnlyList<string> WithDerived(IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var list = roles.Distinct(StringComparer.Ordinal).ToList();
        if ((list.Contains(Source) || list.Contains(Registry)) && !list.Contains(ConfigNode))
        {
            list.Add(ConfigNode);
        }

        return list;
    }
}
