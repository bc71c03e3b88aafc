using System.Collections.Immutable;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using HotReloadCluster.Admin;
using HotReloadCluster.Core.Events;

namespace HotReloadCluster.Hrc.Output;

/// <summary>
/// The <c>--json</c> documents. Built field by field (not from the wire records) so the field names are a
/// contract of their own, documented in docs/hrc.md: every field is always present, null when there is no value.
/// </summary>
internal static class JsonRenderer
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <summary>The document for a command's answer: command, outcome, error, then the payload's fields.</summary>
    public static string Document(string command, AdminResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var outcome = response.Outcome switch
        {
            AdminOutcome.Ok => "ok",
            AdminOutcome.Failed => "failed",
            _ => "unauthorized",
        };
        var document = Envelope(command, outcome, response.Error);
        if (response.Payload is { } payload)
        {
            AddPayload(document, payload);
        }

        return document.ToJsonString(Options);
    }

    /// <summary>The document for an error found before or instead of an answer (<c>unreachable</c>, <c>usage</c>).</summary>
    public static string Error(string command, string outcome, string error) => Envelope(command, outcome, error).ToJsonString(Options);

    /// <summary>One tail event as one line.</summary>
    public static string TailEvent(AdminTailEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new JsonObject
        {
            ["type"] = e.Type,
            ["topic"] = e.Topic,
            ["version"] = e.Version,
            ["hash"] = e.Hash,
            ["error"] = e.Error,
            ["at"] = Time(e.At),
            ["node"] = e.Node,
        }.ToJsonString(Options);
    }

    private static JsonObject Envelope(string command, string outcome, string? error) => new()
    {
        ["command"] = command,
        ["outcome"] = outcome,
        ["error"] = error,
    };

    private static void AddPayload(JsonObject document, AdminPayload payload)
    {
        switch (payload)
        {
            case StatusPayload status:
                document["nodes"] = Array(status.Nodes, Node);
                document["topics"] = Array(status.Topics, Topic);
                document["statistics"] = Statistics(status.Statistics ?? ReloadStatistics.Empty);
                break;
            case TopicsPayload topics:
                document["topics"] = Array(topics.Topics, Topic);
                break;
            case ShowPayload show:
                document["topic"] = show.Topic;
                document["version"] = show.Version;
                document["format"] = show.Format;
                document["hash"] = show.Hash;
                document["origin"] = show.Origin;
                document["at"] = Time(show.At);
                document["content"] = show.Content;
                break;
            case HistoryPayload history:
                document["topic"] = history.Topic;
                document["entries"] = Array(history.Entries, e => new JsonObject
                {
                    ["kind"] = e.Kind,
                    ["version"] = e.Version,
                    ["origin"] = e.Origin,
                    ["by"] = e.By,
                    ["at"] = Time(e.At),
                    ["hash"] = e.Hash,
                    ["errors"] = Strings(e.Errors),
                    ["size"] = e.Kind == "applied" ? e.Size : null,
                });
                break;
            case DiffPayload diff:
                document["topic"] = diff.Topic;
                document["from"] = diff.From;
                document["to"] = diff.To;
                document["lines"] = Array(diff.Lines, l => new JsonObject
                {
                    ["kind"] = l.Kind,
                    ["path"] = l.Path,
                    ["old"] = l.Old,
                    ["new"] = l.New,
                });
                break;
            case OutcomesPayload outcomes:
                document["outcomes"] = Array(outcomes.Outcomes, o => new JsonObject
                {
                    ["topic"] = o.Topic,
                    ["outcome"] = o.Outcome,
                    ["version"] = o.Version,
                    ["errors"] = Strings(o.Errors),
                });
                break;
            case AuditPayload audit:
                document["entries"] = Array(audit.Entries, e => new JsonObject
                {
                    ["at"] = Time(e.At),
                    ["who"] = e.Who,
                    ["command"] = e.Command,
                    ["topic"] = e.Topic,
                    ["outcome"] = e.Outcome,
                    ["detail"] = e.Detail,
                });
                break;
            case TailStartedPayload:
                break;
            case NodesPayload nodes:
                document["nodes"] = Array(nodes.Nodes, n => new JsonObject
                {
                    ["address"] = n.Address,
                    ["status"] = n.Status,
                    ["reachable"] = n.Reachable,
                    ["topics"] = Array(n.Topics, t => new JsonObject
                    {
                        ["topic"] = t.Topic,
                        ["version"] = t.Version,
                        ["current"] = t.Current,
                        ["at"] = Time(t.At),
                        ["error"] = t.Error,
                    }),
                });
                break;
            default:
                throw new ArgumentException($"No JSON form for {payload.GetType().Name}.", nameof(payload));
        }
    }

    private static JsonObject Node(NodeInfo n) => new()
    {
        ["address"] = n.Address,
        ["roles"] = Strings(n.Roles),
        ["status"] = n.Status,
        ["reachable"] = n.Reachable,
    };

    private static JsonObject Topic(TopicInfo t) => new()
    {
        ["topic"] = t.Topic,
        ["version"] = t.Version,
        ["hash"] = t.Hash,
        ["origin"] = t.Origin,
        ["at"] = Time(t.At),
        ["pinned"] = t.Pinned,
        ["fileDiffers"] = t.FileDiffers,
        ["subscribers"] = t.Subscribers,
        ["file"] = t.File,
        ["deleted"] = t.Deleted,
        ["ignoredFiles"] = Strings(t.IgnoredFiles),
        ["oldestKept"] = t.OldestKept,
        ["converged"] = t.Converged,
        ["nodes"] = Array(t.Nodes, n => new JsonObject
        {
            ["address"] = n.Address,
            ["version"] = n.Version,
            ["at"] = Time(n.At),
            ["error"] = n.Error,
        }),
    };

    private static JsonObject Statistics(ReloadStatistics s) => new()
    {
        ["totalReloads"] = s.TotalReloads,
        ["successfulReloads"] = s.SuccessfulReloads,
        ["failedReloads"] = s.FailedReloads,
        ["validationFailures"] = s.ValidationFailures,
        ["rollbacks"] = s.Rollbacks,
        ["successRate"] = s.SuccessRate,
        ["averageReloadMs"] = Math.Round(s.AverageReloadTime.TotalMilliseconds, 3),
        ["p99ReloadMs"] = Math.Round(s.P99ReloadTime.TotalMilliseconds, 3),
        ["lastReloadTime"] = Time(s.LastReloadTime),
    };

    private static JsonArray Array<T>(ImmutableArray<T> items, Func<T, JsonNode> map) => [.. items.OrEmpty().Select(map)];

    private static JsonArray Strings(ImmutableArray<string> items) => [.. items.OrEmpty().Select(s => (JsonNode?)JsonValue.Create(s))];

    private static string? Time(DateTimeOffset? at) => at?.ToString("O", CultureInfo.InvariantCulture);
}
