using HotReloadCluster.Serialization;

namespace HotReloadCluster.Reloading;

/// <summary>Asks a topic's ReloadActor to read its file and apply it if it changed.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="FilePath">The file, as the watcher saw it.</param>
/// <param name="Trigger">Why.</param>
/// <param name="TraceParent">The W3C <c>traceparent</c> of the file event's span on the watching node, when traced (optional on the wire).</param>
internal sealed record ReloadRequested(string Topic, string FilePath, ReloadTrigger Trigger, string? TraceParent = null) : IHotReloadMessage, IWithTopic;
