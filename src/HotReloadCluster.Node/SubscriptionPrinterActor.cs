using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Akka.Actor;
using HotReloadCluster.Subscriptions;

namespace HotReloadCluster.Node;

/// <summary>Prints one line per applied version of the topics this node subscribes to (never the content).</summary>
internal sealed class SubscriptionPrinterActor : ReceiveActor
{
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="output">Where lines go.</param>
    /// <param name="json">One JSON object per line.</param>
    /// <param name="printed">The last version printed per topic, kept across incarnations: a rejoin prints nothing twice.</param>
    public SubscriptionPrinterActor(TextWriter output, bool json, System.Collections.Concurrent.ConcurrentDictionary<string, long> printed)
    {
        Receive<ConfigUpdate>(update =>
        {
            if (printed.TryGetValue(update.Topic, out var last) && last >= update.Version)
            {
                return;
            }

            printed[update.Topic] = update.Version;
            output.WriteLine(json ? FormatJson(update) : FormatLine(update));
            output.Flush();
        });
    }

    public static Props Props(TextWriter output, bool json, System.Collections.Concurrent.ConcurrentDictionary<string, long> printed) =>
        Akka.Actor.Props.Create(() => new SubscriptionPrinterActor(output, json, printed)).WithDeploy(Deploy.Local);

    public static string FormatLine(ConfigUpdate update) =>
        string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} Applied          {update.Topic} v{update.Version} ({update.Origin}, {update.Hash[..Math.Min(19, update.Hash.Length)]}) {string.Join("; ", update.Diff)}");

    public static string FormatJson(ConfigUpdate update)
    {
        var line = new
        {
            @event = "Applied",
            topic = update.Topic,
            version = update.Version,
            hash = update.Hash,
            origin = update.Origin.ToString(),
            diff = update.Diff,
            at = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
        return JsonSerializer.Serialize(line, JsonOptions);
    }
}
