using System.Collections.Immutable;

namespace HotReloadCluster.Admin;

/// <summary>The answer to <see cref="NodesCommand"/>.</summary>
/// <param name="Nodes">Every subscriber node that reported a version, ordered by address.</param>
public sealed record NodesPayload(ImmutableArray<SubscriberNodeInfo> Nodes) : AdminPayload;
