using HotReloadCluster.Reloading;
using HotReloadCluster.Serialization;

namespace HotReloadCluster.Registry;

/// <summary>
/// A ReloadActor telling its topic's registry entity the current version. Resent until acknowledged with a
/// <see cref="VersionAcknowledged"/> of at least that version, so a lost message or a moved entity loses nothing.
/// </summary>
/// <param name="Topic">The topic.</param>
/// <param name="Version">The applied version (template content as written).</param>
public sealed record VersionPublished(string Topic, ConfigApplied Version) : IHotReloadMessage, IWithTopic;
