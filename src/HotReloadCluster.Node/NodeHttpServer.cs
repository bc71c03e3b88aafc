using System.Text.Json;
using HotReloadCluster.Cluster;
using HotReloadCluster.Diagnostics;
using HotReloadCluster.Hosting;
using HotReloadCluster.Subscriptions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace HotReloadCluster.Node;

/// <summary>
/// The node's optional HTTP endpoint (<c>--http</c>): <c>/healthz</c> (liveness), <c>/readyz</c> (the HotReloadCluster
/// health checks; 503 when one is Unhealthy, 200 when Healthy or Degraded, a JSON body either way) and <c>/metrics</c>
/// (Prometheus text of the <c>HotReloadCluster</c> and <c>System.Runtime</c> meters through OpenTelemetry). It lives as long
/// as the process, across the node's incarnations; its checks look at the current ActorSystem.
/// </summary>
internal static class NodeHttpServer
{
    /// <summary>The meters /metrics exports.</summary>
    public static readonly string[] Meters = ["HotReloadCluster", "System.Runtime"];

    private static readonly JsonWriterOptions JsonOptions = new() { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Builds and starts the endpoint; throws <see cref="IOException"/> when the address cannot be bound.</summary>
    public static async Task<WebApplication> StartAsync(
        HttpEndpoint endpoint,
        CurrentActorSystem current,
        NodeSettings settings,
        HotReloadOptions options,
        SubscriptionSettings subscriptions,
        CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // Only --http binds: ASPNETCORE_URLS / ASPNETCORE_HTTP_PORTS (set in the ASP.NET Core images) are ignored.
        builder.Configuration[WebHostDefaults.ServerUrlsKey] = string.Empty;
        builder.Configuration[WebHostDefaults.HttpPortsKey] = string.Empty;
        builder.Configuration[WebHostDefaults.HttpsPortsKey] = string.Empty;
        builder.WebHost.ConfigureKestrel(endpoint.Listen);
        builder.Services.AddHealthChecks()
            .AddCheck("node-alive", new LivenessHealthCheck(current), HealthStatus.Unhealthy, ["live"])
            .AddHotReloadChecks(o =>
            {
                o.ActorSystem = _ => current.System;
                o.Source = settings.Roles.Contains(HotReloadRoles.Source) ? options : null;
                // Registry nodes journal the admin audit.
                o.Journal = settings.Roles.Contains(HotReloadRoles.Registry) ? options.Persistence : null;
                o.Subscriptions = settings.Roles.Contains(HotReloadRoles.Subscriber) ? subscriptions.Store : null;
            });
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(Meters).AddPrometheusExporter());

        var app = builder.Build();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = r => r.Tags.Contains("live"), ResponseWriter = WriteJsonAsync });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = r => r.Tags.Contains("ready"), ResponseWriter = WriteJsonAsync });
        app.MapPrometheusScrapingEndpoint("/metrics");
        await app.StartAsync(cancellationToken);
        return app;
    }

    /// <summary>The report as one JSON object: overall status, and each check's status, description, duration and data.</summary>
    internal static async Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("status", report.Status.ToString());
            writer.WriteNumber("durationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 1));
            writer.WriteStartObject("checks");
            foreach (var (name, entry) in report.Entries)
            {
                writer.WriteStartObject(name);
                writer.WriteString("status", entry.Status.ToString());
                writer.WriteString("description", entry.Description);
                writer.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 1));
                if (entry.Data.Count > 0)
                {
                    writer.WriteStartObject("data");
                    foreach (var (key, value) in entry.Data)
                    {
                        writer.WritePropertyName(key);
                        WriteValue(writer, value);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted);
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d:
                writer.WriteNumberValue(d);
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }
}
