using System.Text;
using HotReloadCluster.Configuration;
using HotReloadCluster.Content;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Hashing;
using HotReloadCluster.Reloading;
using HotReloadCluster.Subscriptions;
using HotReloadCluster.Tests.Support;
using Akka.Actor;
using Xunit.Abstractions;

namespace HotReloadCluster.Tests.Subscriptions;

/// <summary>
/// A subscriber serving its last-known-good cache takes whatever the cluster has as soon as it answers: the same version
/// confirms the cache; another content under the same number, or a lower number (the cluster's journal was reset, or
/// the cache came from another cluster), replaces it. Before, such a subscriber stayed stale until the cluster passed
/// the cached number.
/// </summary>
public sealed class StaleCacheReplacementSpecs(ITestOutputHelper output) : HotReloadTestKit(output, sqlite: false)
{
    private const string Cached = "a: 1\n";
    private const string Cluster = "a: 2\n";

    [Theory]
    [InlineData(3)]
    [InlineData(2)]
    public void StaleCache_TheClusterHasOtherContent_ItReplacesTheCacheWhateverItsVersion(long clusterVersion)
    {
        var cachedHash = ContentHash.Compute(Encoding.UTF8.GetBytes(Cached));
        var clusterHash = ContentHash.Compute(Encoding.UTF8.GetBytes(Cluster));
        var cache = new LastKnownGoodCache(Temp.File("cache"));
        cache.Save(new CachedVersion("settings", 3, cachedHash, ConfigFormat.Yaml, ConfigOrigin.File("settings.yaml"), DateTimeOffset.UtcNow, Cached));
        ContentCache.Get(Sys).Put(clusterHash, Encoding.UTF8.GetBytes(Cluster));
        var settings = new SubscriptionSettings { Cache = cache, ResubscribeInterval = TimeSpan.FromMinutes(1) };
        var registry = CreateTestProbe();
        var manager = Sys.ActorOf(SubscriptionManagerActor.Props(registry.Ref, CreateTestProbe().Ref, settings));
        var subscriber = CreateTestProbe();

        manager.Tell(new Subscribe("settings", subscriber.Ref));
        var stale = subscriber.ExpectMsg<ConfigUpdate>();
        Assert.True(stale.Stale);
        Assert.Equal(3, stale.Version);
        var subscription = registry.FishForMessage<HotReloadCluster.Registry.SubscribeTopic>(_ => true);
        Assert.Equal(0, subscription.KnownVersion); // the registry answers with its current version, whatever it is

        subscription.Subscriber.Tell(new HotReloadCluster.Registry.ConfigChanged("settings", clusterVersion, clusterHash, ConfigFormat.Yaml, ConfigOrigin.File("settings.yaml"), DateTimeOffset.UtcNow, Cluster.Length, [], 0));

        var replaced = subscriber.ExpectMsg<ConfigUpdate>();
        Assert.False(replaced.Stale);
        Assert.Equal(clusterVersion, replaced.Version);
        Assert.Equal(clusterHash, replaced.Hash);
        Assert.Equal("2", ((ConfigScalar)replaced.Config.Find("a")!).Text);
        Assert.Equal(clusterVersion, settings.Store.Get("settings")!.Update.Version);
    }

    [Fact]
    public void Feed_StaleCachedVersion_IsReplacedByALowerClusterVersion_ButAConfirmedOneNeverGoesBack()
    {
        var feed = new ConfigFeed(["settings"], sectionPerTopic: false);
        var cached = Update(5, Cached, stale: true);
        var lower = Update(2, Cluster, stale: false);

        Assert.Null(feed.Offer(cached, check: false));
        Assert.Null(feed.Offer(lower, check: false));
        Assert.Equal(lower, feed.Current("settings"));

        Assert.Null(feed.Offer(Update(1, Cached, stale: false), check: false));
        Assert.Equal(lower, feed.Current("settings")); // never backwards from a confirmed version
    }

    private static ConfigUpdate Update(long version, string content, bool stale)
    {
        var document = new Core.Parsing.ConfigParser().Parse(Encoding.UTF8.GetBytes(content), ConfigFormat.Yaml, "settings").Document!;
        return new ConfigUpdate("settings", version, document, [], ConfigOrigin.File("settings.yaml"), ContentHash.Compute(Encoding.UTF8.GetBytes(content)), stale);
    }
}
