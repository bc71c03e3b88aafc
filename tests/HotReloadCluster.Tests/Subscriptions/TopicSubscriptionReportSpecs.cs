using System.Collections.Immutable;
using System.Text;
using Akka.Actor;
using Akka.TestKit;
using HotReloadCluster.Content;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Hashing;
using HotReloadCluster.Core.Substitution;
using HotReloadCluster.Registry;
using HotReloadCluster.Reloading;
using HotReloadCluster.Subscriptions;
using HotReloadCluster.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace HotReloadCluster.Tests.Subscriptions;

/// <summary>
/// A node's topic subscription tells the registry what it applied or refused, stamped with its clock, and tells it again
/// with every re-subscribe; the registry and the content source are probes, the content is in this node's cache.
/// </summary>
public sealed class TopicSubscriptionReportSpecs(ITestOutputHelper output) : HotReloadTestKit(output, sqlite: false)
{
    private const string Topic = "settings";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void AppliedThenRefusedVersion_IsReportedEachTime_AndAgainWithTheNextResubscribe()
    {
        var registry = CreateTestProbe();
        var subscription = Start(registry);
        var node = ((ExtendedActorSystem)Sys).Provider.DefaultAddress.ToString();
        var appliedAt = _clock.GetUtcNow();

        subscription.Tell(Changed(1, "level: ${LEVEL}\n"));

        Assert.Equal(new VersionReport(Topic, node, 1, appliedAt, null), registry.FishForMessage<VersionReport>(_ => true, Timeout));

        _clock.Advance(TimeSpan.FromSeconds(30));
        subscription.Tell(Changed(2, "level: ${MISSING_VARIABLE}\n"));

        var failed = registry.FishForMessage<ApplyFailed>(_ => true, Timeout);
        var refused = registry.ExpectMsg<VersionReport>(Timeout);
        Assert.Equal((2L, appliedAt.AddSeconds(30)), (refused.Version, refused.At));
        Assert.Equal(failed.Error, refused.Error);
        Assert.Contains("MISSING_VARIABLE", refused.Error, StringComparison.Ordinal);

        registry.FishForMessage<SubscribeTopic>(s => s.KnownVersion == 2, Timeout);
        Assert.Equal(refused, registry.ExpectMsg<VersionReport>(Timeout));
    }

    [Fact]
    public void RefusalByALocalSubscriber_OfTheAppliedVersion_IsReportedWithTheNodesAddress()
    {
        var registry = CreateTestProbe();
        var local = CreateTestProbe();
        var subscription = Start(registry);
        subscription.Tell(new Subscribe(Topic, local.Ref));
        subscription.Tell(Changed(1, "level: ${LEVEL}\n"));
        local.ExpectMsg<ConfigUpdate>(Timeout);
        registry.FishForMessage<VersionReport>(r => r.Error is null, Timeout);
        _clock.Advance(TimeSpan.FromMilliseconds(5));

        local.Send(subscription, new ApplyFailed(Topic, 1, string.Empty, "refused by the application's options validation: Level"));

        var report = registry.FishForMessage<VersionReport>(_ => true, Timeout);
        Assert.Equal(((ExtendedActorSystem)Sys).Provider.DefaultAddress.ToString(), report.Node);
        Assert.Equal((1L, "refused by the application's options validation: Level"), (report.Version, report.Error));
        Assert.Equal(_clock.GetUtcNow(), report.At);
    }

    private IActorRef Start(TestProbe registry)
    {
        var settings = new SubscriptionSettings
        {
            Variables = new DictionaryVariableSource(new Dictionary<string, string> { ["LEVEL"] = "debug" }),
            ResubscribeInterval = TimeSpan.FromMilliseconds(300),
            TimeProvider = _clock,
        };
        var actor = Sys.ActorOf(TopicSubscriptionActor.Props(Topic, registry.Ref, CreateTestProbe().Ref, settings));
        registry.ExpectMsg<SubscribeTopic>(Timeout);
        return actor;
    }

    private ConfigChanged Changed(long version, string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        var hash = ContentHash.Compute(bytes);
        ContentCache.Get(Sys).Put(hash, bytes);
        return new ConfigChanged(Topic, version, hash, ConfigFormat.Yaml, ConfigOrigin.File("/config/settings.yaml"), _clock.GetUtcNow(), bytes.Length, ImmutableArray<string>.Empty, version - 1);
    }
}
