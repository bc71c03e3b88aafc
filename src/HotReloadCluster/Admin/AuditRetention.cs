namespace HotReloadCluster.Admin;

/// <summary>How much of the admin audit trail is kept, and how fast refused requests are recorded.</summary>
public sealed record AuditRetention
{
    /// <summary>At least this many of the latest entries are kept. Default 10,000.</summary>
    public int KeepEntries { get; init; } = 10_000;

    /// <summary>Also keep every entry younger than this (null: age does not matter). Default null.</summary>
    public TimeSpan? KeepFor { get; init; }

    /// <summary>Refused requests recorded one by one per minute; more are counted in one summary entry. Default 20.</summary>
    public int RefusalsPerMinute { get; init; } = 20;
}
