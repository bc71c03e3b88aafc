using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Reloading;

/// <summary>A version handed to apply hooks: the consumer's view of the document (variables resolved).</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Version">The version.</param>
/// <param name="Document">The document as the process sees it.</param>
/// <param name="Origin">Where the version came from.</param>
public sealed record AppliedConfig(string Topic, long Version, ConfigDocument Document, ConfigOrigin Origin);
