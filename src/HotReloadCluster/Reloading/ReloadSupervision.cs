using System.Globalization;
using Akka.Actor;
using Akka.Event;
using Akka.Pattern;
using HotReloadCluster.Core.Events;
using HotReloadCluster.Hosting;

namespace HotReloadCluster.Reloading;

/// <summary>
/// How a topic's <see cref="ReloadActor"/> is supervised, on one node and as a cluster shard entity alike: under
/// Akka's <see cref="BackoffSupervisor"/>, which re-creates it after it stopped (a journal failure stops a
/// persistent actor) or threw, with an exponential backoff from 0.2 s doubling to 30 s (20 % jitter). The backoff
/// is reset only after the actor ran 30 s without failing, so a permanent failure settles at one restart every
/// 30 s instead of a crash loop. Each failure is logged once (one line, no stack trace) and published as a
/// <see cref="ReloadEventType.ReloadFailed"/> event; the last good version stays, restored by recovery.
/// </summary>
internal static class ReloadSupervision
{
    public static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan ResetAfter = TimeSpan.FromSeconds(30);

    /// <summary>The supervised actor of <paramref name="topic"/>.</summary>
    public static Props Props(ActorSystem system, string topic, Props reloadActor, IActorRef? eventSink = null)
    {
        var failures = new FailureCounter(system, topic, eventSink);
        return BackoffSupervisor.Props(
                Backoff.OnStop(
                        reloadActor.WithCompactMailbox(system),
                        childName: "reload",
                        minBackoff: MinBackoff,
                        maxBackoff: MaxBackoff,
                        randomFactor: 0.2,
                        maxNrOfRetries: -1)
                    .WithAutoReset(ResetAfter)
                    .WithFinalStopMessage(message => message is StopTopic)
                    .WithSupervisorStrategy(new OneForOneStrategy(-1, -1, failures.Decide, loggingEnabled: false)))
            .WithCompactMailbox(system);
    }

    /// <summary>The delay before restart <paramref name="restart"/> (1-based), without jitter.</summary>
    public static TimeSpan DelayBefore(int restart) =>
        TimeSpan.FromTicks((long)Math.Min(MaxBackoff.Ticks, MinBackoff.Ticks * Math.Pow(2, Math.Max(0, restart - 1))));

    /// <summary>Stops the failed actor (the backoff supervisor re-creates it), after one log line and one event.</summary>
    private sealed class FailureCounter(ActorSystem system, string topic, IActorRef? eventSink)
    {
        private readonly ILoggingAdapter _log = Logging.GetLogger(system, "HotReloadCluster.Reloading.ReloadSupervision");
        private int _restarts;
        private DateTimeOffset _last = DateTimeOffset.MinValue;

        public Directive Decide(Exception exception)
        {
            var now = DateTimeOffset.UtcNow;
            _restarts = now - _last > ResetAfter + MaxBackoff ? 1 : _restarts + 1;
            _last = now;
            var delay = DelayBefore(_restarts).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
            var cause = exception is ActorInitializationException { InnerException: { } inner } ? inner : exception;
            var error = $"internal error: {cause.GetType().Name}: {cause.Message}; restart {_restarts.ToString(CultureInfo.InvariantCulture)} in about {delay} s, last good version kept";
            _log.Error("Topic {0}: {1}", topic, error);
            _log.Debug("Topic {0}: failure detail: {1}", topic, cause);
            var failed = new ReloadEvent(ReloadEventType.ReloadFailed, topic, now) { Error = error };
            if (eventSink is not null)
            {
                eventSink.Tell(failed);
            }
            else
            {
                system.EventStream.Publish(failed);
            }

            return Directive.Stop;
        }
    }
}
