using HotReloadCluster.Serialization;

namespace HotReloadCluster.Reloading;

/// <summary>
/// The reply to <see cref="EnsureTopic"/>: the topic's ReloadActor runs (recovered) and reads <paramref name="FilePath"/>.
/// A watcher keeps asking until it gets this, so a message lost while a shard moved or restarted loses no topic.
/// </summary>
/// <param name="Topic">The topic.</param>
/// <param name="FilePath">The file the actor reads; another path than the watcher's means two files claim the topic.</param>
internal sealed record TopicEnsured(string Topic, string FilePath) : IHotReloadMessage;
