using Akka.Actor;
using HotReloadCluster.Reloading;

namespace HotReloadCluster.Tests.Support;

/// <summary>Reads a topic's current version with its content, in process (other nodes fetch content by hash).</summary>
internal static class TopicQueries
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>The current version, with content, of <paramref name="topic"/> (null when none).</summary>
    public static ConfigApplied? CurrentVersion(IActorRef actorOrHost, string topic = "settings") =>
        actorOrHost.Ask<CurrentContent>(new GetCurrentContent(topic), Timeout).Result.Current;

    /// <summary>The current content of <paramref name="topic"/>.</summary>
    public static string Content(IActorRef actorOrHost, string topic = "settings") =>
        CurrentVersion(actorOrHost, topic)?.Content ?? throw new InvalidOperationException($"{topic} has no version");
}
