using HotReloadCluster.Serialization;

namespace HotReloadCluster.Reloading;

/// <summary>Asks a topic's ReloadActor to read its file and apply it if it changed.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="FilePath">The file, as the watcher saw it.</param>
/// <param name="Trigger">Why.</param>
internal sealed record ReloadRequested(string Topic, string FilePath, ReloadTrigger Trigger) : IHotReloadMessage, IWithTopic;
