using HotReloadCluster.Cluster;

namespace HotReloadCluster.Tests.Cluster;

/// <summary>The failover settings each preset generates (a misspelt HOCON key would be silently ignored by Akka).</summary>
public sealed class ClusterHoconSpecs
{
    [Fact]
    public void Default_WaitsEightSecondsAndUsesAkkasFailureDetector()
    {
        var config = ClusterHocon.For(new ClusterNodeOptions { Port = 0 });
        var settings = SettingsAkkaReads(config);

        Assert.Equal(TimeSpan.FromSeconds(8), config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
        Assert.Equal(TimeSpan.FromSeconds(2), config.GetTimeSpan("akka.cluster.split-brain-resolver.lease-majority.acquire-lease-delay-for-minority"));
        Assert.Equal(TimeSpan.FromSeconds(1), settings.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.UnreachableNodesReaperInterval);
        Assert.Equal("keep-majority", config.GetString("akka.cluster.split-brain-resolver.active-strategy"));
        Assert.Equal(TimeSpan.FromSeconds(1), config.GetTimeSpan("akka.remote.retry-gate-closed-for"));
        Assert.Equal("lease-majority", ClusterHocon.For(new ClusterNodeOptions { LeaseConnectionString = "Host=127.0.0.1" }).GetString("akka.cluster.split-brain-resolver.active-strategy"));
    }

    [Fact]
    public void Fast_HasTheDocumentedSettings_UnderTheNamesAkkaReads()
    {
        var config = ClusterHocon.For(new ClusterNodeOptions { Port = 0, FastFailover = true, StableAfter = TimeSpan.FromSeconds(1) });
        var settings = SettingsAkkaReads(config);

        Assert.Equal(TimeSpan.FromMilliseconds(500), settings.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), config.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause"));
        Assert.Equal(TimeSpan.FromSeconds(1), config.GetTimeSpan("akka.cluster.down-removal-margin"));
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.LeaderActionsInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.UnreachableNodesReaperInterval);
        Assert.Equal(TimeSpan.FromSeconds(1), config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
        Assert.Equal(TimeSpan.FromMilliseconds(500), config.GetTimeSpan("akka.cluster.split-brain-resolver.lease-majority.acquire-lease-delay-for-minority"));
    }

    /// <summary>The cluster settings as Akka itself reads them from <paramref name="config"/> (a real ActorSystem, not joined).</summary>
    private static Akka.Cluster.ClusterSettings SettingsAkkaReads(Akka.Configuration.Config config)
    {
        using var system = Akka.Actor.ActorSystem.Create("hotreload", config.WithFallback(Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.coordinated-shutdown.run-by-clr-shutdown-hook = off")));
        var settings = Akka.Cluster.Cluster.Get(system).Settings;
        system.Terminate().Wait(TimeSpan.FromSeconds(10));
        return settings;
    }
}
