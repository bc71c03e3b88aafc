using System.Text;
using Akka.Actor;
using Akka.TestKit;
using HotReloadCluster.Configuration;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Hashing;
using HotReloadCluster.Registry;
using HotReloadCluster.Reloading;
using HotReloadCluster.Subscriptions;
using Xunit.Abstractions;

namespace HotReloadCluster.Tests.Configuration;

/// <summary>
/// The application's <c>SubscriptionManagerActor</c> when the membership runs as incarnations: every version once, and
/// an application actor's refusal reaches the subscription of the incarnation that runs now.
/// </summary>
public sealed class SubscriptionForwarderSpecs(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit("akka.loglevel = WARNING", output)
{
    [Fact]
    public void Versions_ReachTheApplicationOnce_AcrossIncarnations()
    {
        var forwarder = Sys.ActorOf(SubscriptionForwarderActor.Props());
        var application = CreateTestProbe();
        forwarder.Tell(new Subscribe("settings", application.Ref));
        var manager1 = CreateTestProbe();
        var subscription1 = CreateTestProbe();

        forwarder.Tell(new SubscriptionForwarderActor.Incarnation(manager1.Ref, 1));
        Assert.Equal(forwarder, manager1.ExpectMsg<Subscribe>().Subscriber); // subscriptions made before the first incarnation waited
        forwarder.Tell(Update(1), subscription1.Ref);
        Assert.Equal(1, application.ExpectMsg<ConfigUpdate>().Version);

        var manager2 = CreateTestProbe();
        var subscription2 = CreateTestProbe();
        forwarder.Tell(new SubscriptionForwarderActor.Incarnation(manager2.Ref, 2));
        manager2.ExpectMsg<Subscribe>();
        forwarder.Tell(Update(1), subscription2.Ref); // a new incarnation offers what the last one applied

        application.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        forwarder.Tell(Update(2), subscription2.Ref);
        Assert.Equal(2, application.ExpectMsg<ConfigUpdate>().Version);
    }

    [Fact]
    public void Refusal_GoesToTheCurrentIncarnation_AndAgainToANewOneThatOffersTheVersionAgain()
    {
        var forwarder = Sys.ActorOf(SubscriptionForwarderActor.Props());
        var manager1 = CreateTestProbe();
        forwarder.Tell(new SubscriptionForwarderActor.Incarnation(manager1.Ref, 1));
        var application = CreateTestProbe();
        forwarder.Tell(new Subscribe("settings", application.Ref));
        manager1.ExpectMsg<Subscribe>();
        var subscription1 = CreateTestProbe();
        forwarder.Tell(Update(3), subscription1.Ref);
        application.ExpectMsg<ConfigUpdate>();

        application.Reply(new ApplyFailed("settings", 3, string.Empty, "refused"));
        Assert.Equal(3, subscription1.ExpectMsg<ApplyFailed>().Version);

        // The incarnation changes before the refusal took effect: the new subscription hears it when it offers version 3.
        var manager2 = CreateTestProbe();
        var subscription2 = CreateTestProbe();
        forwarder.Tell(new SubscriptionForwarderActor.Incarnation(manager2.Ref, 2));
        forwarder.Tell(Update(3), subscription2.Ref);
        Assert.Equal("refused", subscription2.ExpectMsg<ApplyFailed>().Error);
        application.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void LateSubscriber_GetsTheCurrentVersion_AndUnsubscribedOnesNothing()
    {
        var forwarder = Sys.ActorOf(SubscriptionForwarderActor.Props());
        var manager = CreateTestProbe();
        forwarder.Tell(new SubscriptionForwarderActor.Incarnation(manager.Ref, 1));
        var early = CreateTestProbe();
        forwarder.Tell(new Subscribe("settings", early.Ref));
        forwarder.Tell(Update(1), CreateTestProbe().Ref);
        early.ExpectMsg<ConfigUpdate>();

        var late = CreateTestProbe();
        forwarder.Tell(new Subscribe("settings", late.Ref));
        Assert.Equal(1, late.ExpectMsg<ConfigUpdate>().Version);

        forwarder.Tell(new Unsubscribe("settings", early.Ref));
        forwarder.Tell(Update(2), CreateTestProbe().Ref);
        Assert.Equal(2, late.ExpectMsg<ConfigUpdate>().Version);
        early.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    private static ConfigUpdate Update(long version)
    {
        var content = $"v: {version}\n";
        var document = new Core.Parsing.ConfigParser().Parse(Encoding.UTF8.GetBytes(content), ConfigFormat.Yaml, "settings").Document!;
        return new ConfigUpdate("settings", version, document, [], ConfigOrigin.File("settings.yaml"), ContentHash.Compute(Encoding.UTF8.GetBytes(content)));
    }
}
