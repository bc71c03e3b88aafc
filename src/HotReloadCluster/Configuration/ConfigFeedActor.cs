using Akka.Actor;
using HotReloadCluster.Registry;
using HotReloadCluster.Subscriptions;

namespace HotReloadCluster.Configuration;

/// <summary>
/// The local subscriber behind <c>AddHotReloadCluster</c>: subscribes to each topic of its feeds and offers every
/// version it receives; a version the application's checks refuse goes back as <see cref="ApplyFailed"/> (the
/// cluster's rollback policy then applies), and the provider keeps showing the last good one.
/// </summary>
internal sealed class ConfigFeedActor : ReceiveActor
{
    public ConfigFeedActor(IActorRef manager, IReadOnlyList<ConfigFeed> feeds)
    {
        Receive<ConfigUpdate>(update =>
        {
            foreach (var feed in feeds.Where(f => f.Topics.Contains(update.Topic)))
            {
                if (feed.Offer(update) is { } error)
                {
                    Sender.Tell(new ApplyFailed(update.Topic, update.Version, string.Empty, "refused by the application's options validation: " + error));
                }
            }
        });
        foreach (var topic in feeds.SelectMany(f => f.Topics).Distinct(StringComparer.Ordinal))
        {
            manager.Tell(new Subscribe(topic, Self));
        }
    }

    public static Props Props(IActorRef manager, IReadOnlyList<ConfigFeed> feeds) =>
        Akka.Actor.Props.Create(() => new ConfigFeedActor(manager, feeds)).WithDeploy(Deploy.Local);
}
