using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using HotReloadCluster.Diagnostics;

namespace HotReloadCluster.Tests.Support;

/// <summary>
/// Records what the <see cref="HotReloadTelemetry"/> of the given ActorSystems measures and traces, with the standard
/// <see cref="MeterListener"/> and <see cref="ActivityListener"/>. It listens to those instances only, so tests running
/// in parallel in the same process (with their own systems) do not mix in.
/// </summary>
internal sealed class TelemetryRecorder : IDisposable
{
    private readonly HashSet<Meter> _meters;
    private readonly HashSet<ActivitySource> _sources;
    private readonly MeterListener _meterListener = new();
    private readonly ActivityListener _activityListener;
    private readonly ConcurrentQueue<Recorded> _measurements = new();
    private readonly ConcurrentQueue<Activity> _spans = new();

    public TelemetryRecorder(params HotReloadTelemetry[] telemetry)
    {
        _meters = [.. telemetry.Select(t => t.Meter)];
        _sources = [.. telemetry.Select(t => t.ActivitySource)];
        _meterListener.InstrumentPublished = (instrument, listener) =>
        {
            if (_meters.Contains(instrument.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _meterListener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _meterListener.Start();
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => _sources.Contains(source),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => _spans.Enqueue(activity),
        };
        ActivitySource.AddActivityListener(_activityListener);
    }

    /// <summary>Ended spans, in the order they ended.</summary>
    public IReadOnlyList<Activity> Spans => [.. _spans];

    /// <summary>Measurements of <paramref name="instrument"/> recorded so far (observable gauges: after <see cref="Observe"/>).</summary>
    public IReadOnlyList<Recorded> Of(string instrument) => [.. _measurements.Where(m => m.Instrument == instrument)];

    /// <summary>Reads the observable gauges now and returns what <paramref name="instrument"/> reported.</summary>
    public IReadOnlyList<Recorded> Observe(string instrument)
    {
        var before = _measurements.Count;
        _meterListener.RecordObservableInstruments();
        return [.. _measurements.Skip(before).Where(m => m.Instrument == instrument)];
    }

    public void Dispose()
    {
        _meterListener.Dispose();
        _activityListener.Dispose();
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var dictionary = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            dictionary[tag.Key] = tag.Value?.ToString();
        }

        _measurements.Enqueue(new Recorded(instrument.Name, instrument.Unit, value, dictionary));
    }

    /// <summary>One measurement.</summary>
    public sealed record Recorded(string Instrument, string? Unit, double Value, IReadOnlyDictionary<string, string?> Tags)
    {
        public string? this[string tag] => Tags.GetValueOrDefault(tag);
    }
}
