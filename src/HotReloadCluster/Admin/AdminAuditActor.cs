using System.Collections.Immutable;
using Akka.Actor;
using Akka.Persistence;

namespace HotReloadCluster.Admin;

/// <summary>
/// The admin audit trail: every admin command, allowed or refused, with who, what, when and the outcome.
/// One persistent entity for the whole cluster (persistence id <c>admin-audit</c>), so there is a single writer.
/// </summary>
public sealed class AdminAuditActor : ReceivePersistentActor
{
    /// <summary>The entity id of the one audit entity.</summary>
    public const string EntityId = "audit";

    /// <summary>How many entries are kept in memory (all stay in the journal).</summary>
    public const int Retained = 10_000;

    private ImmutableQueue<AuditEntry> _entries = [];
    private int _count;

    /// <summary>Creates the actor; use <see cref="Props"/>.</summary>
    public AdminAuditActor()
    {
        Recover<AuditRecorded>(recorded => Add(recorded.Entry));
        Command<RecordAudit>(record => Persist(new AuditRecorded(record.Entry), recorded => Add(recorded.Entry)));
        Command<GetAudit>(get => Sender.Tell(new AuditPayload([.. _entries.Skip(Math.Max(0, _count - Math.Max(1, get.Limit)))])));
    }

    /// <inheritdoc />
    public override string PersistenceId => "admin-audit";

    /// <summary>Props for the audit entity.</summary>
    public static Props Props() => Akka.Actor.Props.Create(() => new AdminAuditActor());

    private void Add(AuditEntry entry)
    {
        _entries = _entries.Enqueue(entry);
        if (++_count > Retained)
        {
            _entries = _entries.Dequeue();
            _count--;
        }
    }
}
