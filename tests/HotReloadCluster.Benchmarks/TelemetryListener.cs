using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using HotReloadCluster.Diagnostics;

namespace HotReloadCluster.Benchmarks;

/// <summary>
/// Listens to every <c>HotReloadCluster</c> meter and activity source of the process, as a collector would: each
/// measurement is aggregated by instrument and tag set (count and sum), every span is sampled (all data, recorded) and
/// its tags read when it ends. What is measured with it attached is the cost of the instrumentation being on.
/// </summary>
public sealed class TelemetryListener : IDisposable
{
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _activities;
    private readonly ConcurrentDictionary<string, (long Count, double Sum)> _series = new(StringComparer.Ordinal);
    private long _measurements;
    private long _spans;

    public TelemetryListener()
    {
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == HotReloadTelemetry.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Aggregate(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Aggregate(instrument, value, tags));
        _meters.Start();
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == HotReloadTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                foreach (var _ in activity.TagObjects)
                {
                }

                Interlocked.Increment(ref _spans);
            },
        };
        ActivitySource.AddActivityListener(_activities);
    }

    /// <summary>Measurements seen.</summary>
    public long Measurements => Interlocked.Read(ref _measurements);

    /// <summary>Spans ended.</summary>
    public long Spans => Interlocked.Read(ref _spans);

    public void Dispose()
    {
        _meters.Dispose();
        _activities.Dispose();
    }

    private void Aggregate(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = instrument.Name;
        foreach (var tag in tags)
        {
            key += "|" + tag.Key + "=" + tag.Value;
        }

        _series.AddOrUpdate(key, (1, value), (_, old) => (old.Count + 1, old.Sum + value));
        Interlocked.Increment(ref _measurements);
    }
}
