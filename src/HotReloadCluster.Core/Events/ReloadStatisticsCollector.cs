namespace HotReloadCluster.Core.Events;

/// <summary>
/// Accumulates <see cref="ReloadEvent"/>s into <see cref="ReloadStatistics"/>. Thread-safe.
/// </summary>
/// <remarks>
/// Attempts (<see cref="ReloadEventType.ReloadSuccess"/>, <see cref="ReloadEventType.ReloadFailed"/>,
/// <see cref="ReloadEventType.ValidationFailed"/>) that carry <see cref="ReloadEvent.ReloadTime"/> are timing
/// samples: the average is over all of them (a running sum), the p99 over the last <c>window</c> of them,
/// nearest rank. Rollbacks update <see cref="ReloadStatistics.LastReloadTime"/> but are not timed;
/// <see cref="ReloadEventType.FileChanged"/> is ignored.
/// </remarks>
public sealed class ReloadStatisticsCollector
{
    private readonly Lock _gate = new();
    private readonly int _window;

    // Grows to the window as samples arrive: most topics reload a few times, and a node may have 10,000 of them.
    private long[] _windowTicks = [];
    private int _windowCount;
    private int _windowNext;
    private long _successful;
    private long _failed;
    private long _validationFailures;
    private long _rollbacks;
    private long _timedCount;
    private decimal _timedTicksSum;
    private DateTimeOffset? _last;

    /// <summary>Creates a collector.</summary>
    /// <param name="window">How many recent timing samples the p99 is computed over; at least 1.</param>
    public ReloadStatisticsCollector(int window = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        _window = window;
    }

    /// <summary>How many recent timing samples the p99 is computed over.</summary>
    public int Window => _window;

    /// <summary>Counts one event.</summary>
    public void Record(ReloadEvent reloadEvent)
    {
        ArgumentNullException.ThrowIfNull(reloadEvent);
        if (reloadEvent.Type is ReloadEventType.FileChanged or ReloadEventType.TopicCollision)
        {
            return;
        }

        var time = reloadEvent.Type == ReloadEventType.RollbackSuccess ? null : reloadEvent.ReloadTime;
        lock (_gate)
        {
            switch (reloadEvent.Type)
            {
                case ReloadEventType.ReloadSuccess:
                    _successful++;
                    break;
                case ReloadEventType.ReloadFailed:
                    _failed++;
                    break;
                case ReloadEventType.ValidationFailed:
                    _validationFailures++;
                    break;
                case ReloadEventType.RollbackSuccess:
                    _rollbacks++;
                    break;
                default:
                    return;
            }

            if (_last is null || reloadEvent.Timestamp > _last)
            {
                _last = reloadEvent.Timestamp;
            }

            if (time is { } t)
            {
                _timedCount++;
                _timedTicksSum += t.Ticks;
                if (_windowCount < _window)
                {
                    if (_windowCount == _windowTicks.Length)
                    {
                        Array.Resize(ref _windowTicks, Math.Min(_window, Math.Max(4, _windowTicks.Length * 2)));
                    }

                    _windowTicks[_windowCount++] = t.Ticks;
                    _windowNext = _windowCount % _window;
                }
                else
                {
                    _windowTicks[_windowNext] = t.Ticks;
                    _windowNext = (_windowNext + 1) % _window;
                }
            }
        }
    }

    /// <summary>The statistics so far.</summary>
    public ReloadStatistics Snapshot()
    {
        long[] samples;
        ReloadStatistics counts;
        lock (_gate)
        {
            samples = _windowTicks.AsSpan(0, _windowCount).ToArray();
            var average = _timedCount == 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)Math.Round(_timedTicksSum / _timedCount));
            counts = new ReloadStatistics(
                _successful + _failed + _validationFailures,
                _successful,
                _failed,
                _validationFailures,
                _rollbacks,
                average,
                TimeSpan.Zero,
                _last);
        }

        return samples.Length == 0 ? counts : counts with { P99ReloadTime = TimeSpan.FromTicks(NearestRank(samples, 99)) };
    }

    /// <summary>Forgets everything recorded.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _windowCount = 0;
            _windowNext = 0;
            _successful = 0;
            _failed = 0;
            _validationFailures = 0;
            _rollbacks = 0;
            _timedCount = 0;
            _timedTicksSum = 0;
            _last = null;
        }
    }

    /// <summary>
    /// The nearest-rank percentile: the smallest sample with at least <paramref name="percent"/>% of the samples
    /// at or below it (rank = ceil(percent × n / 100), computed in integers to avoid rounding surprises).
    /// </summary>
    internal static long NearestRank(long[] samples, int percent)
    {
        Array.Sort(samples);
        var rank = (int)(((long)percent * samples.Length + 99) / 100);
        return samples[Math.Clamp(rank, 1, samples.Length) - 1];
    }
}
