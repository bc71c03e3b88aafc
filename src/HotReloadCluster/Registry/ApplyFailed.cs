using HotReloadCluster.Serialization;

namespace HotReloadCluster.Registry;

/// <summary>
/// A subscriber could not apply a version (a missing variable, failed typed validation, a throwing handler).
/// With the default policy the topic's ReloadActor rolls the topic back cluster-wide.
/// </summary>
/// <param name="Topic">The topic.</param>
/// <param name="Version">The version that failed.</param>
/// <param name="Node">The subscriber's node address.</param>
/// <param name="Error">What went wrong (never a resolved secret value).</param>
public sealed record ApplyFailed(string Topic, long Version, string Node, string Error) : IHotReloadMessage, IWithTopic;
