using HotReloadCluster.Core.Documents;
using HotReloadCluster.Reloading;

namespace HotReloadCluster.Subscriptions;

/// <summary>A topic's version as the last-known-good cache keeps it.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Version">The version.</param>
/// <param name="Hash">The content hash (also the file's checksum).</param>
/// <param name="Format">How the content is parsed.</param>
/// <param name="Origin">Where the version came from.</param>
/// <param name="At">When it was applied at the source.</param>
/// <param name="Content">The template text, exactly as the source read it.</param>
public sealed record CachedVersion(string Topic, long Version, string Hash, ConfigFormat Format, ConfigOrigin Origin, DateTimeOffset At, string Content);
