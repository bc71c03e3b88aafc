using System.Collections.Immutable;

namespace HotReloadCluster.Reloading;

/// <summary>
/// The immutable state of one topic, rebuilt from its journal: every applied version and the most recent
/// rejected attempts. All changes go through <see cref="Apply"/>.
/// </summary>
internal sealed record ReloadState(string Topic, ImmutableList<ConfigApplied> Versions, ImmutableList<ConfigRejected> Rejections)
{
    /// <summary>How many rejected attempts the state (and so history and snapshots) keeps.</summary>
    public const int MaxRetainedRejections = 500;

    public static ReloadState Empty(string topic) => new(topic, [], []);

    public ConfigApplied? Current => Versions.IsEmpty ? null : Versions[^1];

    public long NextVersion => (Current?.Version ?? 0) + 1;

    /// <summary>The last journal event if it is a rejection (nothing applied since), else null.</summary>
    public ConfigRejected? PendingRejection { get; private init; }

    public ReloadState Apply(IReloadJournalEvent journalEvent) => journalEvent switch
    {
        ConfigApplied applied when applied.Version != NextVersion =>
            throw new InvalidOperationException($"Topic {Topic}: version {applied.Version} does not follow {Current?.Version ?? 0}."),
        ConfigApplied applied => this with { Versions = Versions.Add(applied), PendingRejection = null },
        ConfigRejected rejected => this with
        {
            Rejections = (Rejections.Count >= MaxRetainedRejections ? Rejections.RemoveAt(0) : Rejections).Add(rejected),
            PendingRejection = rejected,
        },
        _ => throw new ArgumentException($"Unknown journal event {journalEvent.GetType().Name}.", nameof(journalEvent)),
    };

    public ConfigApplied? FindVersion(long version) =>
        version >= 1 && version <= Versions.Count && Versions[(int)version - 1].Version == version
            ? Versions[(int)version - 1]
            : Versions.FirstOrDefault(v => v.Version == version);

    public ReloadSnapshot ToSnapshot() => new(Topic, [.. Versions], [.. Rejections]);

    public static ReloadState FromSnapshot(ReloadSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var rejections = snapshot.Rejections.IsDefault ? ImmutableList<ConfigRejected>.Empty : [.. snapshot.Rejections];
        var versions = snapshot.Versions.IsDefault ? ImmutableList<ConfigApplied>.Empty : [.. snapshot.Versions];
        var last = versions.IsEmpty ? null : versions[^1];
        var pending = rejections.IsEmpty || (last is not null && rejections[^1].At < last.At) ? null : rejections[^1];
        return new ReloadState(snapshot.Topic, versions, rejections) { PendingRejection = pending };
    }

    /// <summary>Applied versions and rejections merged in the order they happened.</summary>
    public ImmutableArray<IReloadJournalEvent> History()
    {
        var builder = ImmutableArray.CreateBuilder<IReloadJournalEvent>(Versions.Count + Rejections.Count);
        int v = 0, r = 0;
        while (v < Versions.Count || r < Rejections.Count)
        {
            if (r >= Rejections.Count || (v < Versions.Count && Versions[v].At <= Rejections[r].At))
            {
                builder.Add(Versions[v++]);
            }
            else
            {
                builder.Add(Rejections[r++]);
            }
        }

        return builder.MoveToImmutable();
    }
}
