using System.Globalization;
using Akka.Actor;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HotReloadCluster.Node;

/// <summary>
/// Liveness (<c>/healthz</c>): the process runs and its ActorSystem processes messages (its user guardian answers an
/// Identify within the timeout, so a stuck dispatcher is not alive). Between two incarnations (a node that was downed
/// waits up to 30 s before it rejoins, see <see cref="NodeSupervisor"/>) it stays alive for <see cref="RejoinGrace"/>:
/// restarting the process would not rejoin any faster.
/// </summary>
internal sealed class LivenessHealthCheck(CurrentActorSystem current) : IHealthCheck
{
    /// <summary>How long the node counts as alive without an ActorSystem (the longest rejoin pause plus a slow start).</summary>
    public static readonly TimeSpan RejoinGrace = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (current.System is not { } system)
        {
            var without = current.Without;
            var text = string.Create(CultureInfo.InvariantCulture, $"no ActorSystem for {without.TotalSeconds:0} s");
            return without < RejoinGrace
                ? HealthCheckResult.Healthy(text + " (starting or rejoining)")
                : HealthCheckResult.Unhealthy(text);
        }

        try
        {
            await system.ActorSelection("/user").Ask<ActorIdentity>(new Identify(null), Timeout, cancellationToken);
            return HealthCheckResult.Healthy(system.Name + " is running");
        }
        catch (AskTimeoutException)
        {
            return HealthCheckResult.Unhealthy(string.Create(CultureInfo.InvariantCulture, $"{system.Name} did not answer within {Timeout.TotalSeconds:0} s"));
        }
    }
}
