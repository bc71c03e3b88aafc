using System.Collections.Immutable;
using HotReloadCluster.Serialization;

namespace HotReloadCluster.Registry;

/// <summary>A registry entity's current version, subscriber count, and one page of what each subscriber node runs.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Version">The current version, 0 when none is known yet.</param>
/// <param name="Hash">The current content hash.</param>
/// <param name="Subscribers">How many subscribers are registered.</param>
/// <param name="Nodes">The per-node entries from the asked offset, ordered by address (default: none).</param>
/// <param name="MoreNodes">Whether more entries follow this page.</param>
internal sealed record RegistryState(string Topic, long Version, string? Hash, int Subscribers, ImmutableArray<NodeVersion> Nodes = default, bool MoreNodes = false) : IHotReloadMessage, IWithTopic;
