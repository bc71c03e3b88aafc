namespace HotReloadCluster.Core.Events;

/// <summary>
/// Counters and timings of reloads. <see cref="TotalReloads"/> counts the attempts that ran
/// (successes, failures and validation failures); rollbacks are counted separately and file changes not at
/// all.
/// </summary>
/// <param name="TotalReloads">Successful + failed + validation-failed attempts.</param>
/// <param name="SuccessfulReloads">Attempts that applied a new configuration.</param>
/// <param name="FailedReloads">Attempts that failed before validation.</param>
/// <param name="ValidationFailures">Attempts rejected by validation.</param>
/// <param name="Rollbacks">Successful rollbacks.</param>
/// <param name="AverageReloadTime">Mean duration of all timed attempts; zero when none was timed.</param>
/// <param name="P99ReloadTime">Nearest-rank 99th percentile of the recent timed attempts; zero when none.</param>
/// <param name="LastReloadTime">The latest timestamp of an attempt or rollback, if any.</param>
public sealed record ReloadStatistics(
    long TotalReloads,
    long SuccessfulReloads,
    long FailedReloads,
    long ValidationFailures,
    long Rollbacks,
    TimeSpan AverageReloadTime,
    TimeSpan P99ReloadTime,
    DateTimeOffset? LastReloadTime)
{
    /// <summary>No reloads yet.</summary>
    public static ReloadStatistics Empty { get; } = new(0, 0, 0, 0, 0, TimeSpan.Zero, TimeSpan.Zero, null);

    /// <summary><see cref="SuccessfulReloads"/> / <see cref="TotalReloads"/>, from 0 to 1; 0 when there were no reloads.</summary>
    public double SuccessRate => TotalReloads == 0 ? 0 : (double)SuccessfulReloads / TotalReloads;
}
