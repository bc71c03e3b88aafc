using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HotReloadCluster.Diagnostics;

namespace HotReloadCluster.Node;

/// <summary>
/// With <c>HOTRELOAD_PRINT_SPANS=1</c>, samples every span of the <c>HotReloadCluster</c> activity source and prints each
/// one that ends as a JSON line on stdout (<c>"event":"Span"</c>, name, trace and span ids, parent, topic, version,
/// outcome, duration): a way to follow one version's trace across node processes without a tracing backend.
/// </summary>
internal sealed class SpanPrinter : IDisposable
{
    /// <summary>The environment variable that turns it on.</summary>
    public const string Variable = "HOTRELOAD_PRINT_SPANS";

    private readonly ActivityListener _listener;

    private SpanPrinter(TextWriter output)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == HotReloadTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => output.WriteLine(Format(activity)),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>A printer when <see cref="Variable"/> is <c>1</c> or <c>true</c>, else null.</summary>
    public static SpanPrinter? FromEnvironment(TextWriter output) =>
        Environment.GetEnvironmentVariable(Variable) is "1" or "true" ? new SpanPrinter(output) : null;

    /// <summary>One span as a JSON line.</summary>
    public static string Format(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return JsonSerializer.Serialize(new
        {
            @event = "Span",
            name = activity.OperationName,
            traceId = activity.TraceId.ToHexString(),
            spanId = activity.SpanId.ToHexString(),
            parentSpanId = activity.ParentSpanId == default ? null : activity.ParentSpanId.ToHexString(),
            topic = activity.GetTagItem("hotreload.topic") as string,
            version = activity.GetTagItem("hotreload.version") is long version ? version : (long?)null,
            outcome = activity.GetTagItem("hotreload.outcome") as string,
            durationMs = Math.Round(activity.Duration.TotalMilliseconds, 3),
            at = activity.StartTimeUtc.ToString("O", CultureInfo.InvariantCulture),
        });
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();
}
