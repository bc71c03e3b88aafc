using Akka.Actor;
using System.Text;
using HotReloadCluster.Configuration;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Hashing;
using HotReloadCluster.Core.Parsing;
using HotReloadCluster.Diagnostics;
using HotReloadCluster.Registry;
using HotReloadCluster.Reloading;
using HotReloadCluster.Subscriptions;
using HotReloadCluster.Tests.Support;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit.Abstractions;

namespace HotReloadCluster.Tests.Diagnostics;

/// <summary>A subscriber that serves its last-known-good cache is Degraded until the cluster confirms the version.</summary>
public sealed class StaleCacheHealthCheckSpecs(ITestOutputHelper output) : HotReloadTestKit(output, sqlite: false)
{
    private const string Content = "a: 1\n";

    [Fact]
    public async Task Subscription_ServingTheCacheWhileTheClusterIsSilent_DegradedUntilTheClusterConfirms()
    {
        var hash = ContentHash.Compute(Encoding.UTF8.GetBytes(Content));
        var cache = new LastKnownGoodCache(Temp.File("cache"));
        cache.Save(new CachedVersion("settings", 3, hash, ConfigFormat.Yaml, ConfigOrigin.File("settings.yaml"), DateTimeOffset.UtcNow, Content));
        var settings = new SubscriptionSettings { Cache = cache, ResubscribeInterval = TimeSpan.FromMinutes(1) };
        var registry = CreateTestProbe();
        var manager = Sys.ActorOf(SubscriptionManagerActor.Props(registry.Ref, CreateTestProbe().Ref, settings));
        var subscriber = CreateTestProbe();
        var check = new StaleCacheHealthCheck(settings.Store);

        manager.Tell(new Subscribe("settings", subscriber.Ref));
        Assert.True(subscriber.ExpectMsg<ConfigUpdate>().Stale);
        var subscription = registry.ExpectMsg<SubscribeTopic>();

        var stale = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, stale.Status);
        Assert.Equal("v3 from the last-known-good cache, not confirmed by the cluster", stale.Data["settings"]);

        subscription.Subscriber.Tell(new ConfigChanged("settings", 3, hash, ConfigFormat.Yaml, ConfigOrigin.File("settings.yaml"), DateTimeOffset.UtcNow, Content.Length, [], 2));
        Assert.False(subscriber.ExpectMsg<ConfigUpdate>().Stale);

        var confirmed = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Healthy, confirmed.Status);
        Assert.Equal("1 subscribed topic(s) confirmed by the cluster", confirmed.Description);
    }

    [Fact]
    public async Task Feed_StaleTopicAndTopicWithoutVersion_DegradedNamingBoth()
    {
        var feed = new ConfigFeed(["settings", "features"], sectionPerTopic: true);
        var document = new ConfigParser().Parse(Encoding.UTF8.GetBytes(Content), ConfigFormat.Yaml, "settings").Document!;
        feed.Offer(new ConfigUpdate("settings", 4, document, [], ConfigOrigin.File("settings.yaml"), "sha256:x", Stale: true), check: false);

        var result = await new StaleCacheHealthCheck([feed]).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal("v4 from the last-known-good cache, not confirmed by the cluster", result.Data["settings"]);
        Assert.Equal("no version yet", result.Data["features"]);
        Assert.StartsWith("2 of 2 subscribed topic(s) not confirmed by the cluster", result.Description, StringComparison.Ordinal);
    }
}
