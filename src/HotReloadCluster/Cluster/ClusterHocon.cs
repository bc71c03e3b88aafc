using System.Globalization;
using Akka.Configuration;

namespace HotReloadCluster.Cluster;

/// <summary>The HOCON for remoting, cluster membership, the split brain resolver and sharding.</summary>
public static class ClusterHocon
{
    /// <summary>The configuration for <paramref name="options"/>.</summary>
    public static Config For(ClusterNodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var seeds = string.Join(", ", JoinOrder(options).Select(s => "\"" + s + "\""));
        var roles = string.Join(", ", HotReloadRoles.WithDerived(options.Roles).Select(r => "\"" + r + "\""));
        var stable = ((int)options.StableAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var hocon = $$"""
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp {
              hostname = "{{options.Hostname}}"
              port = {{options.Port.ToString(CultureInfo.InvariantCulture)}}
            }
            # After a connection fails, Akka waits this long before trying the address again (its default is 5 s). A node
            # resumed after a long pause learns only on that next try that the others removed it (they quarantined it),
            # and only then starts its next incarnation: 5 s of the frozen-subscriber recovery were this wait.
            akka.remote.retry-gate-closed-for = 1s
            akka.cluster {
              seed-nodes = [{{seeds}}]
              roles = [{{roles}}]
              downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
              split-brain-resolver {
                # Only config nodes (config-source / config-registry) count: the side with most of them stays, a side
                # of subscribers alone downs itself (and its nodes rejoin as new incarnations), whatever their number.
                # With a PostgreSQL journal, an even split (or the crash of the oldest of two) is settled by a lease in it.
                active-strategy = {{(options.LeaseConnectionString is null ? "keep-majority" : "lease-majority")}}
                keep-majority.role = "{{HotReloadRoles.ConfigNode}}"
                lease-majority {
                  role = "{{HotReloadRoles.ConfigNode}}"
                  lease-implementation = "hotreload.sbr-lease"
                  lease-name = "{{options.SystemName}}-akka-sbr"
                  acquire-lease-delay-for-minority = {{(options.FastFailover ? "500ms" : "2s")}}
                }
                stable-after = {{stable}}ms
              }
              # A node downed after a pause rejoins as a new incarnation: retry joining often.
              retry-unsuccessful-join-after = 2s
              sharding {
                # Regions register with a moved coordinator (and retry hand-offs) this often; Akka's 2 s was a
                # visible share of the failover time.
                retry-interval = 500ms
                state-store-mode = ddata
              }
            }
            """;
        var fast = options.FastFailover
            ? ConfigurationFactory.ParseString("""
                akka.cluster.failure-detector.heartbeat-interval = 500ms
                akka.cluster.failure-detector.acceptable-heartbeat-pause = 1500ms
                akka.cluster.down-removal-margin = 1s
                akka.cluster.singleton.hand-over-retry-interval = 500ms
                akka.cluster.sharding.retry-interval = 200ms
                akka.cluster.sharding.coordinator-failure-backoff = 1s
                akka.cluster.leader-actions-interval = 250ms
                akka.cluster.unreachable-nodes-reaper-interval = 250ms
                """)
            : Config.Empty;
        var lease = options.LeaseConnectionString is { } connection
            ? ConfigurationFactory.ParseString($$"""
                hotreload.sbr-lease {
                  lease-class = "HotReloadCluster.Cluster.PostgresLease, HotReloadCluster"
                  connection-string = "{{Quote(connection)}}"
                  heartbeat-timeout = 10s
                  heartbeat-interval = 1s
                  lease-operation-timeout = 5s
                }
                """)
            : Config.Empty;
        // Every node knows the pub-sub messages' serializer, also nodes that do not run the mediator themselves (subscribers
        // receive its gossip): without it they log a deserialization warning every second.
        return ConfigurationFactory.ParseString(options.ExtraHocon ?? string.Empty)
            .WithFallback(fast)
            .WithFallback(ConfigurationFactory.ParseString(hocon))
            .WithFallback(lease)
            .WithFallback(Akka.Cluster.Tools.PublishSubscribe.DistributedPubSub.DefaultConfig());
    }

    /// <summary>
    /// The seed nodes as this node lists them. Akka lets the first seed node form a new cluster by itself when no other
    /// seed answers; with a lease database that is decided by the cluster-alive lease instead (see
    /// <see cref="ClusterFormationActor"/>), so a node never lists itself first: two config nodes starting at once on a
    /// slow machine cannot form two clusters.
    /// </summary>
    public static IReadOnlyList<string> JoinOrder(ClusterNodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var seeds = options.SeedAddresses();
        if (options.LeaseConnectionString is null || seeds.Length < 2 || options.Port == 0)
        {
            return seeds;
        }

        var self = $"{options.Protocol}://{options.SystemName}@{options.Hostname}:{options.Port.ToString(CultureInfo.InvariantCulture)}";
        return [.. seeds.Where(s => !string.Equals(s, self, StringComparison.Ordinal)), .. seeds.Where(s => string.Equals(s, self, StringComparison.Ordinal))];
    }

    /// <summary><paramref name="text"/> escaped for a quoted HOCON string.</summary>
    private static string Quote(string text) => text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("\"", @"\""", StringComparison.Ordinal);

    /// <summary>Timings that make tests on loopback fast (not for production).</summary>
    public const string FastTestTimings = """
        akka.cluster.periodic-tasks-initial-delay = 100ms
        akka.cluster.gossip-interval = 200ms
        akka.cluster.leader-actions-interval = 200ms
        akka.cluster.sharding.retry-interval = 200ms
        akka.cluster.sharding.coordinator-state.write-majority-plus = 0
        akka.cluster.sharding.coordinator-state.read-majority-plus = 0
        akka.cluster.failure-detector.heartbeat-interval = 200ms
        akka.cluster.failure-detector.acceptable-heartbeat-pause = 1s
        akka.cluster.split-brain-resolver.stable-after = 2s
        akka.cluster.down-removal-margin = 0s
        """;
}
