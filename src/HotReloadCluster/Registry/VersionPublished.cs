using HotReloadCluster.Serialization;

namespace HotReloadCluster.Registry;

/// <summary>
/// A ReloadActor telling its topic's registry entity the current version. Resent until acknowledged with a
/// <see cref="VersionAcknowledged"/> of at least that version, so a lost message or a moved entity loses nothing. Only
/// the latest version matters (subscribers may skip versions, never go back), which is why this is a small
/// publish-until-acknowledged loop rather than a reliable-delivery queue.
/// </summary>
/// <param name="Topic">The topic.</param>
/// <param name="Change">The version, as the registry forwards it.</param>
internal sealed record VersionPublished(string Topic, ConfigChanged Change) : IHotReloadMessage, IWithTopic;
