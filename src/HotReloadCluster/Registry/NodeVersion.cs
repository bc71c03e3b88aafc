namespace HotReloadCluster.Registry;

/// <summary>What one subscriber node last applied or refused of a topic, as the registry holds it.</summary>
/// <param name="Node">The node's address.</param>
/// <param name="Version">The version applied, or refused when <paramref name="Error"/> is set.</param>
/// <param name="At">When the node applied or refused it.</param>
/// <param name="Error">Why it was refused; null when applied.</param>
internal sealed record NodeVersion(string Node, long Version, DateTimeOffset At, string? Error);
