using System.Globalization;
using System.Text.Json;
using Akka.Actor;
using HotReloadCluster.Core.Events;

namespace HotReloadCluster.Node;

/// <summary>Prints one line per <see cref="ReloadEvent"/>: readable, or one JSON object with --json. Never prints content.</summary>
internal sealed class EventPrinterActor : ReceiveActor
{
    public EventPrinterActor(TextWriter output, bool json)
    {
        Receive<ReloadEvent>(e =>
        {
            output.WriteLine(json ? FormatJson(e) : FormatLine(e));
            output.Flush();
        });
    }

    public static Props Props(TextWriter output, bool json) =>
        Akka.Actor.Props.Create(() => new EventPrinterActor(output, json)).WithDeploy(Deploy.Local);

    public static string FormatLine(ReloadEvent e)
    {
        var version = e.Version is { } v ? " v" + v.ToString(CultureInfo.InvariantCulture) : string.Empty;
        var details = new List<string>();
        if (e.Metadata.TryGetValue(ReloadEventMetadata.Origin, out var origin))
        {
            details.Add(origin);
        }

        if (e.ReloadTime is { } time && e.Type != ReloadEventType.FileChanged)
        {
            details.Add(time.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms");
        }

        if (e.Metadata.TryGetValue(ReloadEventMetadata.Hash, out var hash) && e.Type is ReloadEventType.ReloadSuccess or ReloadEventType.RollbackSuccess)
        {
            details.Add(hash.Length > 19 ? hash[..19] : hash);
        }

        var suffix = details.Count > 0 ? " (" + string.Join(", ", details) + ")" : string.Empty;
        var error = e.Error is null ? string.Empty : ": " + e.Error;
        return string.Create(CultureInfo.InvariantCulture, $"{e.Timestamp:HH:mm:ss.fff} {e.Type,-16} {e.Topic}{version}{suffix}{error}");
    }

    public static string FormatJson(ReloadEvent e)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("event", e.Type.ToString());
            writer.WriteString("topic", e.Topic);
            if (e.Version is { } version)
            {
                writer.WriteNumber("version", version);
            }
            else
            {
                writer.WriteNull("version");
            }

            writer.WriteString("file", e.FilePath);
            writer.WriteString("hash", e.Metadata.GetValueOrDefault(ReloadEventMetadata.Hash));
            if (e.ReloadTime is { } time)
            {
                writer.WriteNumber("reloadMs", Math.Round(time.TotalMilliseconds, 3));
            }
            else
            {
                writer.WriteNull("reloadMs");
            }

            writer.WriteString("error", e.Error);
            writer.WriteString("at", e.Timestamp.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
