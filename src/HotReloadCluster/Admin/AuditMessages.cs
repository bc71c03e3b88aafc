using System.Collections.Immutable;
using HotReloadCluster.Serialization;

namespace HotReloadCluster.Admin;

/// <summary>Records an admin command in the cluster-wide audit (a sharded, persistent single entity).</summary>
/// <param name="Entry">The entry.</param>
internal sealed record RecordAudit(AuditEntry Entry) : IHotReloadMessage, IWithTopic
{
    /// <inheritdoc />
    public string Topic => AdminAuditActor.EntityId;
}

/// <summary>Asks the audit for its latest entries (one page, oldest first); answered with <see cref="AuditPayload"/>.</summary>
/// <param name="Limit">How many (at most <see cref="AdminAuditActor.MaxPage"/>).</param>
/// <param name="SkipNewest">How many of the newest entries to skip (to read older pages).</param>
internal sealed record GetAudit(int Limit, int SkipNewest = 0) : IHotReloadMessage, IWithTopic
{
    /// <inheritdoc />
    public string Topic => AdminAuditActor.EntityId;
}

/// <summary>The audit's journal event.</summary>
/// <param name="Entry">The entry.</param>
internal sealed record AuditRecorded(AuditEntry Entry) : IHotReloadMessage;

/// <summary>The audit's snapshot: the kept entries, oldest first.</summary>
/// <param name="Entries">The entries.</param>
internal sealed record AuditSnapshot(ImmutableArray<AuditEntry> Entries) : IHotReloadMessage;
