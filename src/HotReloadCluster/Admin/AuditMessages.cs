using HotReloadCluster.Serialization;

namespace HotReloadCluster.Admin;

/// <summary>Records an admin command in the cluster-wide audit (a sharded, persistent single entity).</summary>
/// <param name="Entry">The entry.</param>
public sealed record RecordAudit(AuditEntry Entry) : IHotReloadMessage, IWithTopic
{
    /// <inheritdoc />
    public string Topic => AdminAuditActor.EntityId;
}

/// <summary>Asks the audit for its latest entries; answered with <see cref="AuditPayload"/>.</summary>
/// <param name="Limit">How many.</param>
public sealed record GetAudit(int Limit) : IHotReloadMessage, IWithTopic
{
    /// <inheritdoc />
    public string Topic => AdminAuditActor.EntityId;
}

/// <summary>The audit's journal event.</summary>
/// <param name="Entry">The entry.</param>
public sealed record AuditRecorded(AuditEntry Entry) : IHotReloadMessage;
