using HotReloadCluster.Serialization;

namespace HotReloadCluster.Registry;

/// <summary>
/// A subscriber node telling the topic's registry entity what it last applied or refused. Sent after every apply or
/// refusal and again with every re-subscribe (so a moved or restarted registry entity learns it back within one
/// <see cref="Subscriptions.SubscriptionSettings.ResubscribeInterval"/>); the registry keeps one entry per node and
/// ignores a report for a version older than the one it holds, so a repeated or late report changes nothing.
/// </summary>
/// <param name="Topic">The topic.</param>
/// <param name="Node">The subscriber's node address.</param>
/// <param name="Version">The version applied, or refused when <paramref name="Error"/> is set.</param>
/// <param name="At">When the node applied or refused it (the node's clock).</param>
/// <param name="Error">Why the node refused it (never a resolved secret value); null when applied.</param>
internal sealed record VersionReport(string Topic, string Node, long Version, DateTimeOffset At, string? Error) : IHotReloadMessage, IWithTopic;
