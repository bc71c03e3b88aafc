using System.Collections.Immutable;

namespace HotReloadCluster.Admin;

/// <summary>A subscriber node and the versions it runs.</summary>
/// <param name="Address">The node's address.</param>
/// <param name="Status">Its cluster member status (<c>Up</c>, <c>Leaving</c>, …); null when the endpoint does not see it as a member.</param>
/// <param name="Reachable">Whether the endpoint's node reaches it.</param>
/// <param name="Topics">Its topics, ordered by name.</param>
public sealed record SubscriberNodeInfo(string Address, string? Status, bool Reachable, ImmutableArray<NodeTopicInfo> Topics);
