using HotReloadCluster.Serialization;

namespace HotReloadCluster.Content;

/// <summary>The answer to <see cref="FetchContent"/> when no kept version has that content.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Hash">The hash asked for.</param>
/// <param name="Reason">Why (e.g. deleted by retention, or never applied).</param>
internal sealed record ContentUnavailable(string Topic, string Hash, string Reason) : IHotReloadMessage, IWithTopic;
