using HotReloadCluster.Serialization;

namespace HotReloadCluster.Reloading;

/// <summary>
/// An operator's reload: read the file now and apply it if it differs from the current version, even when
/// the topic is pinned. Answered with a <see cref="ReloadOutcome"/>.
/// </summary>
/// <param name="Topic">The topic.</param>
/// <param name="RequestedBy">Who asked (recorded in the origin).</param>
public sealed record ManualReload(string Topic, string RequestedBy) : IHotReloadMessage, IWithTopic;
