using System.Globalization;
using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HotReloadCluster.Diagnostics;

/// <summary>
/// Healthy when this node is an <c>Up</c> member of the cluster; Degraded while <c>WeaklyUp</c> (a member joined while
/// others were unreachable: it works, but the cluster has not converged); while joining, leaving, downed or removed, and
/// when there is no running ActorSystem (between two incarnations of a node that was downed), the status given to the
/// constructor: Unhealthy for a config node, Degraded for a subscriber, which keeps serving its last good versions (a
/// config cluster that is down should not take every service out of rotation). The description counts the members this
/// node sees as unreachable.
/// </summary>
public sealed class ClusterMemberHealthCheck : IHealthCheck
{
    private readonly Func<ActorSystem?> _system;
    private readonly HealthStatus _notUp;

    /// <summary>Creates the check.</summary>
    /// <param name="system">The ActorSystem to look at (called on every check: a node that rejoins has a new one).</param>
    /// <param name="notUp">The status while this node is not (yet, or no longer) a member: Unhealthy by default.</param>
    public ClusterMemberHealthCheck(Func<ActorSystem?> system, HealthStatus notUp = HealthStatus.Unhealthy)
    {
        ArgumentNullException.ThrowIfNull(system);
        _system = system;
        _notUp = notUp;
    }

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_system() is not { WhenTerminated.IsCompleted: false } system)
        {
            return Task.FromResult(new HealthCheckResult(_notUp, "no running ActorSystem"));
        }

        if (system is not ExtendedActorSystem { Provider: ClusterActorRefProvider })
        {
            return Task.FromResult(HealthCheckResult.Healthy("not a cluster node"));
        }

        var cluster = Akka.Cluster.Cluster.Get(system);
        var self = cluster.SelfMember;
        var state = cluster.State;
        var unreachable = state.Unreachable.Count;
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["address"] = cluster.SelfAddress.ToString(),
            ["status"] = self.Status.ToString(),
            ["members"] = state.Members.Count,
            ["unreachable"] = unreachable,
        };
        var description = string.Create(CultureInfo.InvariantCulture, $"{cluster.SelfAddress} is {self.Status}; {state.Members.Count} member(s), {unreachable} unreachable");
        var result = self.Status switch
        {
            MemberStatus.Up => HealthCheckResult.Healthy(description, data),
            MemberStatus.WeaklyUp => HealthCheckResult.Degraded(description, data: data),
            _ => new HealthCheckResult(_notUp, description, data: data),
        };
        return Task.FromResult(result);
    }
}
