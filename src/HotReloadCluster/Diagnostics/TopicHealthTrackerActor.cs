using System.Collections.Immutable;
using Akka.Actor;
using HotReloadCluster.Core.Events;

namespace HotReloadCluster.Diagnostics;

/// <summary>
/// Follows the <see cref="ReloadEvent"/>s of this ActorSystem's ReloadActors and keeps the topics that may need an
/// operator: a rejected or failed attempt, or a rollback that pins a version against the file. A success clears the
/// topic. <see cref="TopicHealthCheck"/> asks it for the suspects and confirms each with its ReloadActor (a file put back
/// to the applied content produces no event, so only the ReloadActor knows that it no longer differs).
/// </summary>
internal sealed class TopicHealthTrackerActor : ReceiveActor
{
    private readonly Dictionary<string, TopicSuspect> _suspects = new(StringComparer.Ordinal);
    private long _stamp;

    /// <summary>Creates the tracker; use <see cref="Start"/>.</summary>
    public TopicHealthTrackerActor()
    {
        Receive<ReloadEvent>(OnEvent);
        Receive<TopicRecoveredUnsettled>(r =>
        {
            // A ReloadActor that recovered pinned, with its file deleted or with a rejection pending publishes no event for
            // it (that happened in another process or before a restart): without this the check would call it Healthy.
            if (!_suspects.ContainsKey(r.Topic))
            {
                _suspects[r.Topic] = new TopicSuspect(r.Topic, ReloadEventType.RollbackSuccess, r.Version, null, DateTimeOffset.UtcNow, ++_stamp);
            }
        });
        Receive<GetTopicSuspects>(_ => Sender.Tell(new TopicSuspects([.. _suspects.Values.OrderBy(s => s.Topic, StringComparer.Ordinal)])));
        Receive<TopicConfirmedClean>(clean =>
        {
            // Only if nothing happened to the topic since the suspect was handed out.
            if (_suspects.TryGetValue(clean.Topic, out var suspect) && suspect.Stamp == clean.Stamp)
            {
                _suspects.Remove(clean.Topic);
            }
        });
    }

    /// <summary>Starts the tracker in <paramref name="system"/>, subscribed before any ReloadActor can publish.</summary>
    public static IActorRef Start(ActorSystem system)
    {
        var tracker = Hosting.EventStreamActors.StartSubscribed(
            system,
            Props.Create(() => new TopicHealthTrackerActor()).WithDeploy(Deploy.Local),
            "hotreload-topic-health",
            typeof(ReloadEvent));
        system.EventStream.Subscribe(tracker, typeof(TopicRecoveredUnsettled));
        return tracker;
    }

    /// <inheritdoc />
    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void OnEvent(ReloadEvent e)
    {
        switch (e.Type)
        {
            case ReloadEventType.ReloadSuccess:
                _suspects.Remove(e.Topic);
                break;
            case ReloadEventType.ValidationFailed or ReloadEventType.ReloadFailed or ReloadEventType.RollbackSuccess:
                _suspects[e.Topic] = new TopicSuspect(e.Topic, e.Type, e.Version, e.Error, e.Timestamp, ++_stamp);
                break;
            default:
                // FileChanged precedes the outcome; a collision is reported by the ReloadActor's own log and event.
                break;
        }
    }
}

/// <summary>A topic whose last event was a rejection, a failure or a rollback.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Event">The last such event.</param>
/// <param name="Version">The version current at that event, if any.</param>
/// <param name="Error">The event's error, if any.</param>
/// <param name="At">When.</param>
/// <param name="Stamp">Changes with every event of the topic (so a stale confirmation does not clear a newer problem).</param>
internal sealed record TopicSuspect(string Topic, ReloadEventType Event, long? Version, string? Error, DateTimeOffset At, long Stamp);

/// <summary>Asks the tracker for its suspects; answered with <see cref="TopicSuspects"/>.</summary>
internal sealed record GetTopicSuspects
{
    /// <summary>The instance.</summary>
    public static GetTopicSuspects Instance { get; } = new();

    private GetTopicSuspects()
    {
    }
}

/// <summary>The tracker's suspects, ordered by topic.</summary>
/// <param name="Topics">The suspects.</param>
internal sealed record TopicSuspects(ImmutableArray<TopicSuspect> Topics);

/// <summary>The topic's ReloadActor says its file equals the applied version and nothing is pending: forget it.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Stamp">The suspect's stamp when it was checked.</param>
internal sealed record TopicConfirmedClean(string Topic, long Stamp);

/// <summary>
/// Published on the local event stream by a ReloadActor that recovered pinned by a rollback, with its file deleted or with
/// a rejection pending: a state no <see cref="ReloadEvent"/> announces after a restart or a hand-over.
/// </summary>
/// <param name="Topic">The topic.</param>
/// <param name="Version">The applied version, if any.</param>
internal sealed record TopicRecoveredUnsettled(string Topic, long? Version);
