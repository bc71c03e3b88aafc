using System.Collections.Immutable;
using System.Globalization;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace HotReloadCluster.Admin;

/// <summary>
/// The admin audit trail: every admin command, allowed or refused, with who, what, when and the outcome. One persistent
/// entity for the whole cluster (persistence id <c>admin-audit</c>), so there is a single writer.
/// </summary>
/// <remarks>
/// Bounded like a topic's history: the last <see cref="AuditRetention.KeepEntries"/> entries (and, optionally, those
/// younger than <see cref="AuditRetention.KeepFor"/>) are kept; every <see cref="SnapshotEvery"/> entries a snapshot
/// holds them and older events and snapshots are deleted. Refused requests (unknown token, viewer asking to mutate) are
/// recorded one by one up to <see cref="AuditRetention.RefusalsPerMinute"/> a minute; beyond that they are counted and
/// recorded as one summary entry, so nobody can grow the journal by sending bad tokens.
/// </remarks>
internal sealed class AdminAuditActor : ReceivePersistentActor, IWithTimers
{
    /// <summary>The entity id of the one audit entity.</summary>
    public const string EntityId = "audit";

    /// <summary>A snapshot is taken every this many entries.</summary>
    public const int SnapshotEvery = 500;

    private readonly AuditRetention _retention;
    private readonly TimeProvider _time;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private ImmutableQueue<AuditEntry> _entries = [];
    private int _count;
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _refusalsInWindow;
    private int _suppressed;

    /// <summary>Creates the actor; use <see cref="Props"/>.</summary>
    public AdminAuditActor(AuditRetention? retention = null, TimeProvider? time = null)
    {
        _retention = retention ?? new AuditRetention();
        _time = time ?? TimeProvider.System;
        Recover<AuditRecorded>(recorded => Add(recorded.Entry));
        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is AuditSnapshot snapshot)
            {
                _entries = [.. snapshot.Entries];
                _count = snapshot.Entries.Length;
            }
        });
        Command<RecordAudit>(record =>
        {
            if (IsRefusal(record.Entry) && !AllowRefusal())
            {
                _suppressed++;
                return;
            }

            Persist(new AuditRecorded(record.Entry), recorded => Added(recorded.Entry));
        });
        Command<FlushSuppressed>(_ => FlushSuppressedRefusals());
        Command<GetAudit>(get =>
        {
            var end = Math.Max(0, _count - Math.Max(0, get.SkipNewest));
            var take = Math.Min(end, Math.Clamp(get.Limit, 1, MaxPage));
            Sender.Tell(new AuditPayload([.. _entries.Skip(end - take).Take(take)]));
        });
        Command<SaveSnapshotSuccess>(success =>
        {
            DeleteMessages(success.Metadata.SequenceNr);
            DeleteSnapshots(new SnapshotSelectionCriteria(success.Metadata.SequenceNr - 1));
        });
        Command<SaveSnapshotFailure>(failure => _log.Warning(failure.Cause, "Audit snapshot failed; events are kept until the next one"));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(failure => _log.Warning(failure.Cause, "Deleting old audit events failed"));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failure => _log.Warning(failure.Cause, "Deleting old audit snapshots failed"));
    }

    /// <summary>At most this many entries are sent in one answer (details are at most 300 characters: a page fits a remoting frame).</summary>
    public const int MaxPage = 100;

    /// <inheritdoc />
    public override string PersistenceId => "admin-audit";

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for the audit entity.</summary>
    public static Props Props(AuditRetention? retention = null, TimeProvider? time = null) =>
        Akka.Actor.Props.Create(() => new AdminAuditActor(retention, time));

    private static bool IsRefusal(AuditEntry entry) => entry.Outcome is "unauthorized" or "forbidden";

    /// <summary>Whether one more refusal may be recorded in this minute.</summary>
    private bool AllowRefusal()
    {
        var now = _time.GetUtcNow();
        if (now - _windowStart >= TimeSpan.FromMinutes(1))
        {
            FlushSuppressedRefusals();
            _windowStart = now;
            _refusalsInWindow = 0;
        }

        if (_refusalsInWindow >= _retention.RefusalsPerMinute)
        {
            if (_suppressed == 0)
            {
                Timers.StartSingleTimer(FlushSuppressed.Instance, FlushSuppressed.Instance, _windowStart + TimeSpan.FromMinutes(1) - now);
            }

            return false;
        }

        _refusalsInWindow++;
        return true;
    }

    private void FlushSuppressedRefusals()
    {
        if (_suppressed == 0)
        {
            return;
        }

        var detail = string.Create(CultureInfo.InvariantCulture, $"{_suppressed} more refused requests in this minute were not recorded one by one (limit {_retention.RefusalsPerMinute} a minute)");
        _suppressed = 0;
        Persist(new AuditRecorded(new AuditEntry(_time.GetUtcNow(), "unknown", "refused-requests", null, "unauthorized", detail)), recorded => Added(recorded.Entry));
    }

    private void Added(AuditEntry entry)
    {
        Add(entry);
        if (LastSequenceNr % SnapshotEvery == 0)
        {
            SaveSnapshot(new AuditSnapshot([.. _entries]));
        }
    }

    private void Add(AuditEntry entry)
    {
        _entries = _entries.Enqueue(entry);
        _count++;
        var cutoff = _retention.KeepFor is { } keepFor ? entry.At - keepFor : DateTimeOffset.MaxValue;
        while (_count > _retention.KeepEntries && _entries.Peek().At < cutoff)
        {
            _entries = _entries.Dequeue();
            _count--;
        }
    }

    private sealed record FlushSuppressed
    {
        public static readonly FlushSuppressed Instance = new();

        private FlushSuppressed()
        {
        }
    }
}
