using Akka.Actor;
using Akka.Persistence;

namespace HotReloadCluster.Reloading;

/// <summary>
/// Reads ONE event of a persistence id back from the journal (a bounded replay: from and to the same sequence number,
/// at most one message), answers <see cref="JournalEventRead"/> to its parent and stops. This is how a ReloadActor gets
/// the content of an older version without keeping it in memory: the cost does not grow with the number of versions.
/// </summary>
internal sealed class JournalEventReader : ReceiveActor
{
    private readonly long _sequenceNr;
    private object? _event;

    /// <summary>Creates the reader; use <see cref="Props"/>.</summary>
    public JournalEventReader(IActorRef journal, string persistenceId, long sequenceNr, TimeSpan timeout)
    {
        _sequenceNr = sequenceNr;
        Receive<ReplayedMessage>(replayed =>
        {
            if (replayed.Persistent.SequenceNr == _sequenceNr)
            {
                _event = replayed.Persistent.Payload;
            }
        });
        Receive<RecoverySuccess>(_ => Done(_event is null ? "the event is no longer in the journal" : null));
        Receive<ReplayMessagesFailure>(failure => Done($"reading the journal failed ({failure.Cause.GetType().Name}: {failure.Cause.Message})"));
        Receive<ReceiveTimeout>(_ => Done("the journal did not answer in time"));
        journal.Tell(new ReplayMessages(sequenceNr, sequenceNr, 1, persistenceId, Self));
        Context.SetReceiveTimeout(timeout);
    }

    /// <summary>Props for a reader of event <paramref name="sequenceNr"/> of <paramref name="persistenceId"/>.</summary>
    public static Props Props(IActorRef journal, string persistenceId, long sequenceNr, TimeSpan timeout) =>
        Akka.Actor.Props.Create(() => new JournalEventReader(journal, persistenceId, sequenceNr, timeout)).WithDeploy(Deploy.Local);

    private void Done(string? error)
    {
        Context.Parent.Tell(new JournalEventRead(_sequenceNr, error is null ? _event : null, error));
        Context.Stop(Self);
    }
}

/// <summary>What <see cref="JournalEventReader"/> read: the event, or why there is none.</summary>
/// <param name="SequenceNr">The sequence number asked for.</param>
/// <param name="Event">The event, or null.</param>
/// <param name="Error">Why there is no event.</param>
internal sealed record JournalEventRead(long SequenceNr, object? Event, string? Error);
