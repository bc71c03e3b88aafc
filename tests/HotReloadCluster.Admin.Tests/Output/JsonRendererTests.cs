using System.Text.Json;
using HotReloadCluster.Hrc.Output;

namespace HotReloadCluster.Admin.Tests.Output;

public sealed class JsonRendererTests
{
    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static string[] Fields(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    [Fact]
    public void Document_Status_HasTheDocumentedFields()
    {
        var doc = Parse(JsonRenderer.Document("status", new AdminResponse(AdminOutcome.Ok, null, Payloads.Status())));

        Assert.Equal(["command", "outcome", "error", "nodes", "topics", "statistics"], Fields(doc));
        Assert.Equal(["address", "roles", "status", "reachable"], Fields(doc.GetProperty("nodes")[0]));
        var topic = doc.GetProperty("topics")[0];
        Assert.Equal(["topic", "version", "hash", "origin", "at", "pinned", "fileDiffers", "subscribers", "file", "deleted", "ignoredFiles", "oldestKept", "converged", "nodes"], Fields(topic));
        Assert.Equal(JsonValueKind.False, topic.GetProperty("converged").ValueKind);
        Assert.Equal(0, topic.GetProperty("nodes").GetArrayLength());
        Assert.Equal(JsonValueKind.Array, topic.GetProperty("ignoredFiles").ValueKind);
        Assert.Equal(Payloads.Hash, topic.GetProperty("hash").GetString());
        Assert.Equal("2026-11-27T08:30:15.2500000+00:00", topic.GetProperty("at").GetString());
        var statistics = doc.GetProperty("statistics");
        Assert.Equal(
            ["totalReloads", "successfulReloads", "failedReloads", "validationFailures", "rollbacks", "successRate", "averageReloadMs", "p99ReloadMs", "lastReloadTime"],
            Fields(statistics));
        Assert.Equal(12.5, statistics.GetProperty("averageReloadMs").GetDouble());
        Assert.Equal(0.75, statistics.GetProperty("successRate").GetDouble());
    }

    [Fact]
    public void Document_EveryOtherPayload_HasTheDocumentedFields()
    {
        string Doc(AdminPayload payload) => JsonRenderer.Document("x", new AdminResponse(AdminOutcome.Ok, null, payload));

        Assert.Equal(["command", "outcome", "error", "topics"], Fields(Parse(Doc(new TopicsPayload([Payloads.Topic()])))));
        Assert.Equal(
            ["command", "outcome", "error", "topic", "version", "format", "hash", "origin", "at", "content"],
            Fields(Parse(Doc(new ShowPayload("settings", 2, "a: 1\n", "yaml", Payloads.Hash, "file", Payloads.At)))));
        var history = Parse(Doc(Payloads.History()));
        Assert.Equal(["kind", "version", "origin", "by", "at", "hash", "errors", "size"], Fields(history.GetProperty("entries")[0]));
        Assert.Equal(JsonValueKind.Null, history.GetProperty("entries")[1].GetProperty("size").ValueKind);
        Assert.Equal(JsonValueKind.Null, history.GetProperty("entries")[1].GetProperty("version").ValueKind);
        var diff = Parse(Doc(Payloads.Diff()));
        Assert.Equal(["command", "outcome", "error", "topic", "from", "to", "lines"], Fields(diff));
        Assert.Equal(["kind", "path", "old", "new"], Fields(diff.GetProperty("lines")[0]));
        var outcomes = Parse(Doc(Payloads.Outcomes()));
        Assert.Equal(["topic", "outcome", "version", "errors"], Fields(outcomes.GetProperty("outcomes")[2]));
        Assert.Equal(2, outcomes.GetProperty("outcomes")[2].GetProperty("errors").GetArrayLength());
        Assert.Equal(["at", "who", "command", "topic", "outcome", "detail"], Fields(Parse(Doc(Payloads.Audit())).GetProperty("entries")[1]));
    }

    [Fact]
    public void Document_StatusWithNodes_GivesEachNodesAddressVersionTimeAndError()
    {
        var status = Payloads.Status() with { Topics = [Payloads.TopicWithNodes()] };

        var topic = Parse(JsonRenderer.Document("status", new AdminResponse(AdminOutcome.Ok, null, status))).GetProperty("topics")[0];

        Assert.False(topic.GetProperty("converged").GetBoolean());
        var nodes = topic.GetProperty("nodes");
        Assert.Equal(3, nodes.GetArrayLength());
        Assert.Equal(["address", "version", "at", "error"], Fields(nodes[0]));
        Assert.Equal((Payloads.NodeB, 2L, JsonValueKind.Null), (nodes[1].GetProperty("address").GetString(), nodes[1].GetProperty("version").GetInt64(), nodes[1].GetProperty("error").ValueKind));
        Assert.Equal("missing variable ${DB_PASSWORD}", nodes[2].GetProperty("error").GetString());
        Assert.Equal("2026-11-27T08:30:15.2500000+00:00", nodes[2].GetProperty("at").GetString());
    }

    [Fact]
    public void Document_Nodes_ListsEachNodeWithItsTopics()
    {
        var doc = Parse(JsonRenderer.Document("nodes", new AdminResponse(AdminOutcome.Ok, null, Payloads.Nodes())));

        Assert.Equal(["command", "outcome", "error", "nodes"], Fields(doc));
        var node = doc.GetProperty("nodes")[1];
        Assert.Equal(["address", "status", "reachable", "topics"], Fields(node));
        Assert.Equal((Payloads.NodeB, "Up", false), (node.GetProperty("address").GetString(), node.GetProperty("status").GetString(), node.GetProperty("reachable").GetBoolean()));
        var topic = node.GetProperty("topics")[0];
        Assert.Equal(["topic", "version", "current", "at", "error"], Fields(topic));
        Assert.Equal(("settings", 2L, 3L), (topic.GetProperty("topic").GetString(), topic.GetProperty("version").GetInt64(), topic.GetProperty("current").GetInt64()));
        Assert.Equal(2, doc.GetProperty("nodes")[0].GetProperty("topics").GetArrayLength());
    }

    [Fact]
    public void Document_UnauthorizedWithoutPayload_IsTheEnvelopeOnly()
    {
        var doc = Parse(JsonRenderer.Document("rollback", new AdminResponse(AdminOutcome.Unauthorized, "'bob' is a viewer", null)));

        Assert.Equal(["command", "outcome", "error"], Fields(doc));
        Assert.Equal("unauthorized", doc.GetProperty("outcome").GetString());
        Assert.Equal("unreachable", Parse(JsonRenderer.Error("status", "unreachable", "no answer")).GetProperty("outcome").GetString());
    }

    [Fact]
    public void TailEvent_IsOneLineWithEveryField()
    {
        var line = JsonRenderer.TailEvent(new AdminTailEvent("ReloadFailure", "settings", null, null, "bad \"value\"\nline", Payloads.At, "akka.tcp://hotreload@n:1"));

        Assert.DoesNotContain('\n', line);
        var e = Parse(line);
        Assert.Equal(["type", "topic", "version", "hash", "error", "at", "node"], Fields(e));
        Assert.Equal("bad \"value\"\nline", e.GetProperty("error").GetString());
    }
}
