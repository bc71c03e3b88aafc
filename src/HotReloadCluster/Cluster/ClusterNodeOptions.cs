using System.Collections.Immutable;

namespace HotReloadCluster.Cluster;

/// <summary>How a node joins the cluster.</summary>
public sealed record ClusterNodeOptions
{
    /// <summary>The ActorSystem name; every node of a cluster uses the same. Default <c>hotreload</c>.</summary>
    public string SystemName { get; init; } = "hotreload";

    /// <summary>The address other nodes reach this one at. Default 127.0.0.1.</summary>
    public string Hostname { get; init; } = "127.0.0.1";

    /// <summary>The remoting port (0 picks a free one). Default 4053.</summary>
    public int Port { get; init; } = 4053;

    /// <summary>Seed nodes as <c>host:port</c> or full <c>akka.tcp://…</c> addresses; empty means this node seeds itself.</summary>
    public ImmutableArray<string> Seeds { get; init; } = [];

    /// <summary>This node's roles. Default all of them.</summary>
    public ImmutableArray<string> Roles { get; init; } = [.. HotReloadRoles.All];

    /// <summary>
    /// How long the split brain resolver waits for a stable membership before downing unreachable nodes
    /// (keep-majority). Default 8 s, chosen for clusters of up to about ten nodes (Akka advises a longer wait as a
    /// cluster grows; its own default is 20 s). Failover takes about twice this (the resolver's wait, then the same
    /// margin before shards move) plus the failure detector's ~5 s; raise it for larger clusters.
    /// </summary>
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// The PostgreSQL database of the split brain resolver's lease (normally the journal's). When set, downing uses
    /// <c>lease-majority</c> over the config nodes: the side that takes the lease stays, which settles an even split of
    /// config nodes and the crash of the oldest of two. When null (one config node, SQLite), <c>keep-majority</c> over
    /// the config nodes. Either way subscribers never count. Set by <c>WithHotReloadCluster</c> from a PostgreSQL journal.
    /// </summary>
    public string? LeaseConnectionString { get; init; }

    /// <summary>
    /// Faster failover, at the price of margins (see docs/operations.md): heartbeats every 0.5 s with 1.5 s of acceptable
    /// pause, 1 s of stable membership before deciding (unless <see cref="StableAfter"/> says otherwise), 1 s of removal
    /// margin before a dead node's topics start elsewhere, the lease's minority delay at 0.5 s, leader actions and the
    /// unreachable reaper every 0.25 s, and quicker hand-overs.
    /// Default false.
    /// </summary>
    public bool FastFailover { get; init; }

    /// <summary>Extra HOCON that overrides the generated one (tests use it for fast gossip).</summary>
    public string? ExtraHocon { get; init; }

    /// <summary>
    /// Mutual TLS for remoting (see <see cref="Tls.TlsCertificateLoader"/>); null (the default) means plain TCP. With
    /// it, addresses are <c>akka.ssl.tcp://…</c> and only peers whose certificate chains to the cluster's CA connect.
    /// </summary>
    public Tls.TlsCertificates? Tls { get; init; }

    /// <summary>The address protocol: <c>akka.ssl.tcp</c> with <see cref="Tls"/>, else <c>akka.tcp</c>.</summary>
    public string Protocol => Cluster.Tls.TlsRemoting.Protocol(Tls);

    /// <summary>
    /// Full seed addresses in this node's <see cref="Protocol"/> (a full address given with the other protocol is
    /// rewritten); with no seeds a node seeds itself, unless its port is 0 (then it is joined by code).
    /// </summary>
    public ImmutableArray<string> SeedAddresses() =>
        Seeds.IsDefaultOrEmpty
            ? Port == 0 ? [] : [$"{Protocol}://{SystemName}@{Hostname}:{Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}"]
            : [.. Seeds.Select(seed => seed.Contains("://", StringComparison.Ordinal) ? Cluster.Tls.TlsRemoting.WithProtocol(seed, Tls) : $"{Protocol}://{SystemName}@{seed}")];
}
