using System.Collections.Immutable;
using HotReloadCluster.Core.Events;

namespace HotReloadCluster.Admin.Tests.Output;

/// <summary>Hand-made payloads as the endpoint sends them.</summary>
internal static class Payloads
{
    public static readonly DateTimeOffset At = new(2026, 11, 27, 8, 30, 15, 250, TimeSpan.Zero);

    public const string Hash = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    public static StatusPayload Status() => new(
        [new NodeInfo("akka.tcp://hotreload@10.0.0.1:4053", ["config-registry", "config-source"], "Up", true)],
        [Topic()],
        new ReloadStatistics(4, 3, 1, 1, 0, TimeSpan.FromMilliseconds(12.5), TimeSpan.FromMilliseconds(40), At));

    public static TopicInfo Topic() => new("settings", 3, Hash, "rollback(to 1)", At, true, true, 2, "/config/settings.yaml");

    public const string NodeA = "akka.tcp://hotreload@10.0.0.2:4053";
    public const string NodeB = "akka.tcp://hotreload@10.0.0.3:4053";
    public const string NodeC = "akka.tcp://hotreload@10.0.0.4:4053";

    /// <summary>Version 3 of settings on three subscriber nodes: one runs it, one still runs 2, one refused it.</summary>
    public static TopicInfo TopicWithNodes() => Topic() with
    {
        Subscribers = 3,
        Converged = false,
        Nodes =
        [
            new TopicNodeInfo(NodeA, 3, At, null),
            new TopicNodeInfo(NodeB, 2, At, null),
            new TopicNodeInfo(NodeC, 3, At, "missing variable ${DB_PASSWORD}"),
        ],
    };

    public static NodesPayload Nodes() => new(
    [
        new SubscriberNodeInfo(NodeA, "Up", true, [new NodeTopicInfo("db", 7, 7, At, null), new NodeTopicInfo("settings", 3, 3, At, null)]),
        new SubscriberNodeInfo(NodeB, "Up", false, [new NodeTopicInfo("settings", 2, 3, At, null)]),
    ]);

    public static DiffPayload Diff() => new("settings", 1, 3,
    [
        new DiffLine("added", "app:new", null, "\"x\""),
        new DiffLine("removed", "app:old", "\"y\"", null),
        new DiffLine("changed", "app:size", "1", "2"),
    ]);

    public static OutcomesPayload Outcomes() => new(
    [
        new OutcomeInfo("settings", "applied", 4, []),
        new OutcomeInfo("db", "unchanged", 2, []),
        new OutcomeInfo("broken", "rejected", 1, ["(root): broken.yaml:3:1: bad", "second error"]),
    ]);

    public static HistoryPayload History() => new("settings",
    [
        new HistoryItem("applied", 1, "initial", null, At, Hash, []),
        new HistoryItem("rejected", null, "file", null, At, Hash, ["bad\tvalue\non two lines"]),
    ]);

    public static AuditPayload Audit() => new(
    [
        new AuditEntry(At, "alice", "rollback", "settings", "ok", "settings applied v3"),
        new AuditEntry(At, "unknown", "status", null, "unauthorized", null),
    ]);
}
