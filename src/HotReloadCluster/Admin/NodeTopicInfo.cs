namespace HotReloadCluster.Admin;

/// <summary>One topic as a subscriber node runs it.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Version">The version the node applied, or refused when <paramref name="Error"/> is set.</param>
/// <param name="Current">The topic's current version.</param>
/// <param name="At">When the node applied or refused it.</param>
/// <param name="Error">Why it refused it; null when applied.</param>
public sealed record NodeTopicInfo(string Topic, long Version, long Current, DateTimeOffset At, string? Error);
