using Akka.Actor;
using HotReloadCluster.Node;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HotReloadCluster.Tests.Node;

/// <summary>The HTTP endpoint outlives incarnations: its checks follow the ActorSystem that runs now.</summary>
public sealed class CurrentActorSystemSpecs
{
    [Fact]
    public async Task Current_IncarnationTerminatedThenNextStarted_FollowsTheRunningActorSystem()
    {
        var current = new CurrentActorSystem();
        var liveness = new LivenessHealthCheck(current);
        var first = ActorSystem.Create("first");
        current.Set(first);

        Assert.Same(first, current.System);
        var alive = await liveness.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Healthy, alive.Status);
        Assert.Equal("first is running", alive.Description);

        await first.Terminate();

        Assert.Null(current.System);
        var between = await liveness.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Healthy, between.Status);
        Assert.EndsWith("(starting or rejoining)", between.Description, StringComparison.Ordinal);

        var second = ActorSystem.Create("second");
        try
        {
            current.Set(second);

            Assert.Same(second, current.System);
            Assert.Equal(TimeSpan.Zero, current.Without);
            Assert.Equal("second is running", (await liveness.CheckHealthAsync(new HealthCheckContext())).Description);
        }
        finally
        {
            await second.Terminate();
        }
    }

    [Fact]
    public async Task Current_OldIncarnationTerminatesAfterTheNewOneStarted_KeepsTheNewOne()
    {
        var current = new CurrentActorSystem();
        var old = ActorSystem.Create("old");
        var next = ActorSystem.Create("next");
        try
        {
            current.Set(old);
            current.Set(next);

            await old.Terminate();

            Assert.Same(next, current.System);
        }
        finally
        {
            await next.Terminate();
        }
    }
}
