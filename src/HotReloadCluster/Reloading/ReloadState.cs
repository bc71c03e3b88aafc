using System.Collections.Immutable;
using System.Text;

namespace HotReloadCluster.Reloading;

/// <summary>
/// The immutable state of one topic, rebuilt from its snapshot and journal: the current version with its content,
/// and a compact index of the history (<see cref="VersionInfo"/> and <see cref="RejectionInfo"/>, no content).
/// Older content stays in the journal and is read back by sequence number when asked for. Everything is ordered by
/// journal sequence numbers and versions, never by timestamps (clocks differ between nodes). All changes go through
/// <see cref="Apply"/>, <see cref="RecordInMemory"/> and <see cref="Trim"/>.
/// </summary>
internal sealed record ReloadState
{
    /// <summary>How many rejected attempts the index (and so history and snapshots) keeps.</summary>
    public const int MaxRetainedRejections = 500;

    /// <summary>
    /// How many rejected attempts are journaled between two versions. A file that keeps changing to new invalid
    /// content would otherwise grow the journal without bound while no version moves the retention cut; further
    /// attempts are kept in the (bounded) index and in snapshots only.
    /// </summary>
    public const int MaxJournaledRejectionsPerVersion = 100;

    private ReloadState(string topic)
    {
        Topic = topic;
    }

    /// <summary>The topic.</summary>
    public string Topic { get; }

    /// <summary>The current version, content included; null before the first one.</summary>
    public ConfigApplied? Current { get; private init; }

    /// <summary>The kept versions, oldest first (the last one is <see cref="Current"/>).</summary>
    public ImmutableList<VersionInfo> Versions { get; private init; } = [];

    /// <summary>The kept rejected attempts, oldest first.</summary>
    public ImmutableList<RejectionInfo> Rejections { get; private init; } = [];

    /// <summary>The last attempt if it was rejected (nothing applied since), else null.</summary>
    public RejectionInfo? PendingRejection { get; private init; }

    /// <summary>How many rejections were journaled since the current version.</summary>
    public int JournaledRejectionsSinceVersion { get; private init; }

    /// <summary>The sequence number of the last journal event applied.</summary>
    public long LastSequenceNr { get; private init; }

    /// <summary>The version the next applied change gets.</summary>
    public long NextVersion => (Current?.Version ?? 0) + 1;

    /// <summary>Whether nothing was ever recorded for this topic (no version, no rejection).</summary>
    public bool IsEmpty => Current is null && Rejections.IsEmpty && PendingRejection is null && LastSequenceNr == 0;

    /// <summary>Whether the topic's file is gone: it had a version, and the last attempt found no file.</summary>
    public bool FileDeleted => Current is not null && PendingRejection?.Kind == RejectionKind.Missing;

    /// <summary>The oldest version still kept (0 when none).</summary>
    public long OldestKeptVersion => Versions.IsEmpty ? 0 : Versions[0].Version;

    /// <summary>Whether the next rejection goes to the journal, or to the index and snapshots only.</summary>
    public bool JournalsNextRejection => JournaledRejectionsSinceVersion < MaxJournaledRejectionsPerVersion;

    /// <summary>The state of a topic with no journal yet.</summary>
    public static ReloadState Empty(string topic) => new(topic);

    /// <summary>The state after a journal event (during recovery or right after it was persisted).</summary>
    public ReloadState Apply(IReloadJournalEvent journalEvent, long sequenceNr) => journalEvent switch
    {
        ConfigApplied applied when applied.Version != NextVersion =>
            throw new InvalidOperationException($"Topic {Topic}: version {applied.Version} does not follow {Current?.Version ?? 0}."),
        ConfigApplied applied => this with
        {
            Current = applied,
            Versions = Versions.Add(new VersionInfo(applied.Version, applied.Hash, applied.Format, applied.Origin, applied.At, sequenceNr, Encoding.UTF8.GetByteCount(applied.Content))),
            PendingRejection = null,
            JournaledRejectionsSinceVersion = 0,
            LastSequenceNr = sequenceNr,
        },
        ConfigRejected rejected => AddRejection(rejected, sequenceNr, journaled: true) with
        {
            JournaledRejectionsSinceVersion = JournaledRejectionsSinceVersion + 1,
            LastSequenceNr = sequenceNr,
        },
        _ => throw new ArgumentException($"Unknown journal event {journalEvent.GetType().Name}.", nameof(journalEvent)),
    };

    /// <summary>The state after a rejection that is kept in the index only (see <see cref="MaxJournaledRejectionsPerVersion"/>).</summary>
    public ReloadState RecordInMemory(ConfigRejected rejected) => AddRejection(rejected, LastSequenceNr, journaled: false);

    /// <summary>The kept version <paramref name="version"/>, or null.</summary>
    public VersionInfo? FindVersion(long version)
    {
        if (Versions.IsEmpty || version < Versions[0].Version || version > Versions[^1].Version)
        {
            return null;
        }

        // Versions are consecutive from the oldest kept one.
        var candidate = Versions[(int)(version - Versions[0].Version)];
        return candidate.Version == version ? candidate : Versions.Find(v => v.Version == version);
    }

    /// <summary>The newest kept version whose content has <paramref name="hash"/>, or null.</summary>
    public VersionInfo? FindByHash(string hash)
    {
        for (var i = Versions.Count - 1; i >= 0; i--)
        {
            if (string.Equals(Versions[i].Hash, hash, StringComparison.Ordinal))
            {
                return Versions[i];
            }
        }

        return null;
    }

    /// <summary>
    /// Applies <paramref name="retention"/>: when more than <c>KeepVersions + Slack</c> versions are kept, the oldest
    /// ones beyond <c>KeepVersions</c> (and older than <c>KeepFor</c>, when set) leave the index with the rejections
    /// recorded before them. Returns the new state and the journal sequence number up to which events may be
    /// deleted (0: nothing to delete).
    /// </summary>
    public (ReloadState State, long DeleteTo) Trim(RetentionSettings retention, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(retention);
        if (Versions.Count <= retention.KeepVersions + retention.Slack)
        {
            return (this, 0);
        }

        var drop = 0;
        var limit = Versions.Count - retention.KeepVersions;
        while (drop < limit && (retention.KeepFor is not { } keepFor || Versions[drop].At < now - keepFor))
        {
            drop++;
        }

        // Versions kept for their age age out one at a time: wait until a batch can go, as without an age limit.
        if (drop < retention.Slack)
        {
            return (this, 0);
        }

        var oldestKept = Versions[drop];
        var rejections = Rejections.RemoveAll(r => r.SequenceNr < oldestKept.SequenceNr);
        return (this with { Versions = Versions.RemoveRange(0, drop), Rejections = rejections }, oldestKept.SequenceNr - 1);
    }

    /// <summary>Versions and rejected attempts, oldest first, in journal order.</summary>
    public ImmutableArray<HistoryEntry> History()
    {
        var builder = ImmutableArray.CreateBuilder<HistoryEntry>(Versions.Count + Rejections.Count);
        int v = 0, r = 0;
        while (v < Versions.Count || r < Rejections.Count)
        {
            // A rejection kept in memory only carries the sequence number of the event before it: ties go to that event.
            if (r >= Rejections.Count || (v < Versions.Count && Versions[v].SequenceNr <= Rejections[r].SequenceNr))
            {
                builder.Add(HistoryEntry.From(Versions[v++]));
            }
            else
            {
                builder.Add(HistoryEntry.From(Rejections[r++]));
            }
        }

        return builder.MoveToImmutable();
    }

    /// <summary>The snapshot of this state: the current version and the index, never older content.</summary>
    public TopicSnapshot ToSnapshot() =>
        new(Topic, Current, [.. Versions], [.. Rejections], PendingRejection, JournaledRejectionsSinceVersion, LastSequenceNr);

    /// <summary>The state a snapshot holds.</summary>
    public static ReloadState FromSnapshot(TopicSnapshot snapshot, long sequenceNr)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new ReloadState(snapshot.Topic)
        {
            Current = snapshot.Current,
            Versions = snapshot.Versions.IsDefault ? [] : [.. snapshot.Versions],
            Rejections = snapshot.Rejections.IsDefault ? [] : [.. snapshot.Rejections],
            PendingRejection = snapshot.PendingRejection,
            JournaledRejectionsSinceVersion = snapshot.JournaledRejectionsSinceVersion,
            LastSequenceNr = Math.Max(snapshot.LastSequenceNr, sequenceNr),
        };
    }

    private ReloadState AddRejection(ConfigRejected rejected, long sequenceNr, bool journaled)
    {
        var info = new RejectionInfo(sequenceNr, rejected.Hash, rejected.Kind, rejected.Errors, rejected.Origin, rejected.At, journaled);
        return this with
        {
            Rejections = (Rejections.Count >= MaxRetainedRejections ? Rejections.RemoveAt(0) : Rejections).Add(info),
            PendingRejection = info,
        };
    }
}
