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
