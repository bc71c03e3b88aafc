using HotReloadCluster.Serialization;

namespace HotReloadCluster.Registry;

/// <summary>A registry entity's current version and subscriber count.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Version">The current version, 0 when none is known yet.</param>
/// <param name="Hash">The current content hash.</param>
/// <param name="Subscribers">How many subscribers are registered.</param>
internal sealed record RegistryState(string Topic, long Version, string? Hash, int Subscribers) : IHotReloadMessage, IWithTopic;
