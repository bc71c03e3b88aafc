namespace HotReloadCluster.Reloading;

/// <summary>
/// How much history a topic keeps. At least the last <see cref="KeepVersions"/> versions are kept, and with
/// <see cref="KeepFor"/> also every version younger than that; older versions (and the rejected attempts before
/// them) are deleted from the journal, with the snapshots that held them. The current version is always kept.
/// </summary>
public sealed record RetentionSettings
{
    /// <summary>The default: the last 1,000 versions, whatever their age.</summary>
    public static RetentionSettings Default { get; } = new();

    /// <summary>How many of the latest versions are always kept. Default 1,000; at least 1.</summary>
    public int KeepVersions { get; init; } = 1000;

    /// <summary>Also keep every version applied within this time (null: age does not matter). Default null.</summary>
    public TimeSpan? KeepFor { get; init; }

    /// <summary>
    /// Versions beyond <see cref="KeepVersions"/> are deleted in batches of this many, so that a topic changed often
    /// does not write a snapshot and delete events on every version: the journal holds at most
    /// <c>KeepVersions + Slack</c> versions. A tenth of <see cref="KeepVersions"/>, between 1 and 100.
    /// </summary>
    public int Slack => Math.Clamp(KeepVersions / 10, 1, 100);

    /// <summary>Throws <see cref="ArgumentException"/> when a setting is out of range.</summary>
    public void Validate()
    {
        if (KeepVersions < 1)
        {
            throw new ArgumentException("Retention KeepVersions must be at least 1.", nameof(KeepVersions));
        }

        if (KeepFor is { } keepFor && keepFor <= TimeSpan.Zero)
        {
            throw new ArgumentException("Retention KeepFor must be positive.", nameof(KeepFor));
        }
    }

    /// <summary>A description such as <c>last 1000 versions</c> or <c>last 1000 versions and 30 days</c>.</summary>
    public override string ToString() =>
        KeepFor is { } days
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"last {KeepVersions} versions and {days.TotalDays:0.##} days")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"last {KeepVersions} versions");
}
