using System.Collections.Immutable;
using System.Globalization;
using HotReloadCluster.Admin;
using HotReloadCluster.Core.Events;
using Spectre.Console;

namespace HotReloadCluster.Hrc.Output;

/// <summary>Renders admin payloads for people: tables, diff lines, outcomes, raw content.</summary>
internal static class HumanRenderer
{
    /// <summary>Outcomes of a reload or rollback that make the command fail (exit 1).</summary>
    public static readonly ImmutableHashSet<string> FailingOutcomes = ImmutableHashSet.Create(StringComparer.OrdinalIgnoreCase, "rejected", "failed", "refused");

    public static void Render(AdminPayload payload, HumanWriter output)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(output);
        switch (payload)
        {
            case StatusPayload status:
                output.Table(NodesTable(status.Nodes.OrEmpty()));
                output.Gap();
                output.Table(TopicsTable(status.Topics.OrEmpty(), withFile: false));
                output.Gap();
                RenderLagging(status.Topics.OrEmpty(), output);
                output.Gap();
                output.Table(StatisticsTable(status.Statistics));
                break;
            case TopicsPayload topics:
                output.Table(TopicsTable(topics.Topics.OrEmpty(), withFile: true));
                break;
            case ShowPayload show:
                output.Raw(show.Content);
                break;
            case HistoryPayload history:
                output.Table(HistoryTable(history));
                break;
            case DiffPayload diff:
                RenderDiff(diff, output);
                break;
            case OutcomesPayload outcomes:
                foreach (var line in OutcomeLines(outcomes))
                {
                    output.Line(line.Text, line.Color);
                }

                break;
            case AuditPayload audit:
                output.Table(AuditTable(audit));
                break;
            case TailStartedPayload:
                break;
            case NodesPayload nodes:
                output.Table(SubscriberNodesTable(nodes));
                break;
            default:
                output.Line(payload.ToString());
                break;
        }
    }

    public static TextTable NodesTable(ImmutableArray<NodeInfo> nodes) => new(
        "Nodes",
        ["address", "roles", "status", "reachable"],
        [.. nodes.Select(n => ImmutableArray.Create(n.Address, string.Join(',', n.Roles.OrEmpty()), n.Status, Format.YesNo(n.Reachable)))]);

    public static TextTable TopicsTable(ImmutableArray<TopicInfo> topics, bool withFile)
    {
        ImmutableArray<string> columns = ["topic", "version", "hash", "origin", "when", "pinned", "file differs", "subscribers"];
        return new(
            "Topics",
            (withFile ? columns.Add("file") : columns.Add("on current")).Add("notes"),
            [.. topics.Select(t =>
            {
                ImmutableArray<string> row =
                [
                    t.Topic, Format.Version(t.Version == 0 ? null : t.Version), Format.ShortHash(t.Hash), Format.Text(t.Origin), Format.When(t.At),
                    Format.YesNo(t.Pinned), Format.YesNo(t.FileDiffers), t.Subscribers.ToString(CultureInfo.InvariantCulture),
                ];
                return (withFile ? row.Add(Format.Text(t.File)) : row.Add(OnCurrent(t))).Add(Notes(t));
            })]);
    }

    /// <summary><c>2/3 nodes</c>: how many reporting subscriber nodes run the current version; <c>converged</c> appended when all do.</summary>
    public static string OnCurrent(TopicInfo topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var nodes = topic.Nodes.OrEmpty();
        var running = nodes.Count(n => n.Runs(topic.Version));
        var count = string.Create(CultureInfo.InvariantCulture, $"{running}/{Math.Max(nodes.Length, topic.Subscribers)} nodes");
        return topic.Converged ? count + ", converged" : count;
    }

    /// <summary>What a subscriber node's entry means against the topic's current version.</summary>
    public static string NodeState(long version, long current, string? error) =>
        error is not null ? "failing" : version < current ? "lagging" : "current";

    /// <summary>The subscriber nodes that lag behind or refused a topic's current version, or one line saying there are none.</summary>
    public static void RenderLagging(ImmutableArray<TopicInfo> topics, HumanWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var table = LaggingTable(topics);
        if (table.Rows.IsEmpty)
        {
            output.Line("Every subscriber node that reported runs the current version of every topic.");
            return;
        }

        output.Table(table);
    }

    public static TextTable LaggingTable(ImmutableArray<TopicInfo> topics) => new(
        "Lagging or failing nodes",
        ["topic", "node", "version", "current", "state", "when", "error"],
        [.. topics.OrEmpty().SelectMany(t => t.Nodes.OrEmpty().Where(n => !n.Runs(t.Version)).Select(n => ImmutableArray.Create(
            t.Topic, n.Address, Format.Version(n.Version), Format.Version(t.Version), NodeState(n.Version, t.Version, n.Error), Format.When(n.At), Format.Text(n.Error))))]);

    public static TextTable SubscriberNodesTable(NodesPayload nodes) => new(
        "Subscriber nodes",
        ["node", "status", "reachable", "topic", "version", "current", "state", "when", "error"],
        [.. nodes.Nodes.OrEmpty().SelectMany(n => n.Topics.OrEmpty().Select(t => ImmutableArray.Create(
            n.Address, Format.Text(n.Status), Format.YesNo(n.Reachable), t.Topic, Format.Version(t.Version), Format.Version(t.Current),
            NodeState(t.Version, t.Current, t.Error), Format.When(t.At), Format.Text(t.Error))))]);

    /// <summary>What else an operator should know of a topic: its file deleted, other files claiming it, versions retention dropped.</summary>
    public static string Notes(TopicInfo topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var notes = new List<string>();
        if (topic.Deleted)
        {
            notes.Add("file deleted, last version kept");
        }

        if (!topic.IgnoredFiles.IsDefaultOrEmpty)
        {
            notes.Add("collision: ignored " + string.Join(", ", topic.IgnoredFiles.Select(Path.GetFileName)));
        }

        if (topic.OldestKept > 1)
        {
            notes.Add("history from v" + topic.OldestKept.ToString(CultureInfo.InvariantCulture));
        }

        return notes.Count == 0 ? "-" : string.Join("; ", notes);
    }

    public static TextTable StatisticsTable(ReloadStatistics? statistics)
    {
        var s = statistics ?? ReloadStatistics.Empty;
        return new(
            "Statistics",
            ["statistic", "value"],
            [
                ["total reloads", Format.Number(s.TotalReloads)],
                ["successful", Format.Number(s.SuccessfulReloads)],
                ["failed", Format.Number(s.FailedReloads)],
                ["validation failures", Format.Number(s.ValidationFailures)],
                ["rollbacks", Format.Number(s.Rollbacks)],
                ["success rate", s.SuccessRate.ToString("P1", CultureInfo.InvariantCulture)],
                ["average reload", Format.Millis(s.AverageReloadTime)],
                ["p99 reload", Format.Millis(s.P99ReloadTime)],
                ["last reload", Format.When(s.LastReloadTime)],
            ]);
    }

    public static TextTable HistoryTable(HistoryPayload history) => new(
        "History of " + history.Topic,
        ["version", "kind", "origin", "by", "when", "hash", "errors"],
        [.. history.Entries.OrEmpty().Select(e => ImmutableArray.Create(
            Format.Version(e.Version), e.Kind, e.Origin, Format.Text(e.By), Format.When(e.At), Format.ShortHash(e.Hash),
            e.Errors.OrEmpty().IsEmpty ? "-" : string.Join("; ", e.Errors)))]);

    public static TextTable AuditTable(AuditPayload audit) => new(
        "Audit",
        ["at", "who", "command", "topic", "outcome", "detail"],
        [.. audit.Entries.OrEmpty().Select(e => ImmutableArray.Create(
            Format.When(e.At), e.Who, e.Command, Format.Text(e.Topic), e.Outcome, Format.Text(e.Detail)))]);

    /// <summary><c>+ path: new</c>, <c>- path: old</c>, <c>~ path: old -> new</c>, with their colors.</summary>
    public static ImmutableArray<(string Text, Color Color)> DiffLines(DiffPayload diff) =>
        [.. diff.Lines.OrEmpty().Select(line => line.Kind switch
        {
            "added" => ($"+ {line.Path}: {line.New}", Color.Green),
            "removed" => ($"- {line.Path}: {line.Old}", Color.Red),
            _ => ($"~ {line.Path}: {line.Old} -> {line.New}", Color.Yellow),
        })];

    /// <summary>One line per outcome (<c>topic: applied v4</c>), each error indented under it.</summary>
    public static ImmutableArray<(string Text, Color? Color)> OutcomeLines(OutcomesPayload outcomes)
    {
        var lines = ImmutableArray.CreateBuilder<(string, Color?)>();
        foreach (var outcome in outcomes.Outcomes.OrEmpty())
        {
            var failing = FailingOutcomes.Contains(outcome.Outcome);
            var version = outcome.Version is { } v
                ? failing ? $" (current v{v.ToString(CultureInfo.InvariantCulture)})" : " v" + v.ToString(CultureInfo.InvariantCulture)
                : string.Empty;
            Color? color = failing ? Color.Red : outcome.Outcome == "applied" ? Color.Green : null;
            lines.Add(($"{outcome.Topic}: {outcome.Outcome}{version}", color));
            foreach (var error in outcome.Errors.OrEmpty())
            {
                lines.Add(("  " + error, color));
            }
        }

        return lines.ToImmutable();
    }

    /// <summary>Whether any outcome was rejected, failed or refused.</summary>
    public static bool AnyFailing(OutcomesPayload outcomes) =>
        outcomes.Outcomes.OrEmpty().Any(o => FailingOutcomes.Contains(o.Outcome));

    /// <summary>A tail event as one line: time, type, topic, version, hash, node, error.</summary>
    public static string TailLine(AdminTailEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var version = e.Version is { } v ? " v" + v.ToString(CultureInfo.InvariantCulture) : string.Empty;
        var hash = e.Hash is null ? string.Empty : " (" + Format.ShortHash(e.Hash) + ")";
        var error = e.Error is null ? string.Empty : ": " + e.Error;
        return $"{Format.Clock(e.At)} {e.Type,-16} {e.Topic}{version}{hash} [{e.Node}]{error}";
    }

    private static void RenderDiff(DiffPayload diff, HumanWriter output)
    {
        var lines = DiffLines(diff);
        if (lines.IsEmpty)
        {
            output.Line(string.Create(CultureInfo.InvariantCulture, $"no changes between v{diff.From} and v{diff.To}"));
            return;
        }

        foreach (var (text, color) in lines)
        {
            output.Line(text, color);
        }
    }
}
