using System.Diagnostics;
using System.Text.Json;
using HotReloadCluster.Admin.Tests.Support;

namespace HotReloadCluster.Admin.Tests;

/// <summary>The built <c>hrc</c> against one real node: exit codes, human (plain, as redirected) and --json output.</summary>
public sealed class AdminConsoleEndToEndTests(AdminNodeFixture node) : IClassFixture<AdminNodeFixture>
{
    [Fact]
    public async Task Status_HumanAndJson_ShowNodesTopicsAndStatistics()
    {
        var results = await Task.WhenAll(node.Hrc("status"), node.Hrc("status", "--json"));
        var (human, json) = (results[0], results[1]);

        Assert.True(human.ExitCode == 0, human.ToString());
        Assert.Contains("NODES\naddress\troles\tstatus\treachable\n" + node.FullContact + "\t", human.Stdout, StringComparison.Ordinal);
        Assert.Contains("topic\tversion\thash\torigin\twhen\tpinned\tfile differs\tsubscribers", human.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"\nsettings\tv\d+\tsha256:[0-9a-f]{12}\t", human.Stdout);
        Assert.Contains("STATISTICS", human.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', human.Stdout);
        Assert.DoesNotContain('─', human.Stdout);

        Assert.True(json.ExitCode == 0, json.ToString());
        var doc = json.Json();
        Assert.Equal("status", doc.GetProperty("command").GetString());
        Assert.Equal("ok", doc.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, doc.GetProperty("error").ValueKind);
        var member = Assert.Single(doc.GetProperty("nodes").EnumerateArray());
        Assert.Equal(node.FullContact, member.GetProperty("address").GetString());
        Assert.Equal("Up", member.GetProperty("status").GetString());
        Assert.True(member.GetProperty("reachable").GetBoolean());
        Assert.Contains("config-registry", member.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var topics = doc.GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("topic").GetString()).ToList();
        Assert.All(AdminNodeFixture.Topics, t => Assert.Contains(t, topics));
        var statistics = doc.GetProperty("statistics");
        Assert.True(statistics.GetProperty("totalReloads").GetInt64() >= AdminNodeFixture.Topics.Length);
        foreach (var field in new[] { "successfulReloads", "failedReloads", "validationFailures", "rollbacks", "successRate", "averageReloadMs", "p99ReloadMs", "lastReloadTime" })
        {
            Assert.True(statistics.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task Topics_HumanAndJson_ListEveryTopicWithItsFile()
    {
        var results = await Task.WhenAll(node.Hrc("topics"), node.Hrc("topics", "--json"));
        var (human, json) = (results[0], results[1]);

        Assert.True(human.ExitCode == 0, human.ToString());
        Assert.Contains("TOPICS\ntopic\tversion\thash\torigin\twhen\tpinned\tfile differs\tsubscribers\tfile\tnotes\n", human.Stdout, StringComparison.Ordinal);
        Assert.Contains(node.TopicFile("settings"), human.Stdout, StringComparison.Ordinal);

        Assert.True(json.ExitCode == 0, json.ToString());
        var settings = json.Json().GetProperty("topics").EnumerateArray().Single(t => t.GetProperty("topic").GetString() == "settings");
        Assert.Equal(1, settings.GetProperty("version").GetInt64());
        Assert.StartsWith("sha256:", settings.GetProperty("hash").GetString(), StringComparison.Ordinal);
        Assert.Equal("initial", settings.GetProperty("origin").GetString());
        Assert.False(settings.GetProperty("pinned").GetBoolean());
        Assert.False(settings.GetProperty("fileDiffers").GetBoolean());
        Assert.Equal(JsonValueKind.Number, settings.GetProperty("subscribers").ValueKind);
        Assert.Equal(node.TopicFile("settings"), settings.GetProperty("file").GetString());
        Assert.True(settings.TryGetProperty("at", out _));
    }

    [Fact]
    public async Task NodesAndStatus_NodeWithoutSubscriptions_ListNoSubscriberNode_AndEveryTopicIsConverged()
    {
        var results = await Task.WhenAll(node.Hrc("nodes"), node.Hrc("nodes", "--json"), node.Hrc("status", "--json"), node.Run(AdminNodeFixture.ViewerToken, "nodes"));
        var (human, json, status, viewer) = (results[0], results[1], results[2], results[3]);

        Assert.True(human.ExitCode == 0, human.ToString());
        Assert.Equal("SUBSCRIBER NODES\nnode\tstatus\treachable\ttopic\tversion\tcurrent\tstate\twhen\terror\n", human.Stdout);
        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Equal(("nodes", "ok", 0), (json.Json().GetProperty("command").GetString(), json.Json().GetProperty("outcome").GetString(), json.Json().GetProperty("nodes").GetArrayLength()));
        Assert.All(status.Json().GetProperty("topics").EnumerateArray(), t =>
        {
            Assert.True(t.GetProperty("converged").GetBoolean(), t.ToString());
            Assert.Equal(0, t.GetProperty("nodes").GetArrayLength());
        });
        Assert.True(viewer.ExitCode == 0, viewer.ToString()); // read-only: a viewer may run it
    }

    [Fact]
    public async Task Show_CurrentTopic_PrintsTheStoredContentRaw()
    {
        var results = await Task.WhenAll(node.Hrc("show", "settings"), node.Hrc("show", "settings", "--json"), node.Hrc("show", "nosuchtopic"));
        var (human, json, unknown) = (results[0], results[1], results[2]);

        Assert.True(human.ExitCode == 0, human.ToString());
        Assert.Equal(AdminNodeFixture.ContentVersion("settings", 1), human.Stdout);

        var doc = json.Json();
        Assert.Equal("settings", doc.GetProperty("topic").GetString());
        Assert.Equal(1, doc.GetProperty("version").GetInt64());
        Assert.Equal("yaml", doc.GetProperty("format").GetString());
        Assert.Equal(AdminNodeFixture.ContentVersion("settings", 1), doc.GetProperty("content").GetString());
        Assert.StartsWith("sha256:", doc.GetProperty("hash").GetString(), StringComparison.Ordinal);
        Assert.Equal("initial", doc.GetProperty("origin").GetString());

        Assert.True(unknown.ExitCode == 1, unknown.ToString());
        Assert.Contains("unknown topic 'nosuchtopic'", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HistoryShowVersionAndDiff_AfterAManualReload_ShowBothVersionsAndTheChangedPaths()
    {
        File.WriteAllText(node.TopicFile("diffed"), "service:\n  name: diffed\n  revision: 2\n  added: new-key\n");
        var reload = await node.Hrc("reload", "diffed");
        Assert.True(reload.ExitCode == 0, reload.ToString());
        Assert.Equal("diffed: applied v2\n", reload.Stdout);

        var results = await Task.WhenAll(
            node.Hrc("history", "diffed"), node.Hrc("history", "diffed", "--json"),
            node.Hrc("diff", "diffed", "1", "2"), node.Hrc("diff", "diffed", "1", "--json"),
            node.Hrc("show", "diffed", "--version", "1"));
        var (history, historyJson, diff, diffJson, showV1) = (results[0], results[1], results[2], results[3], results[4]);

        Assert.True(history.ExitCode == 0, history.ToString());
        Assert.Contains("version\tkind\torigin\tby\twhen\thash\terrors\n", history.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"\nv1\tapplied\tinitial\t-\t", history.Stdout);
        Assert.Matches(@"\nv2\tapplied\tadmin\(alice\)\talice\t", history.Stdout);
        var entries = historyJson.Json().GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal("applied", entries[1].GetProperty("kind").GetString());
        Assert.Equal(2, entries[1].GetProperty("version").GetInt64());
        Assert.Equal("alice", entries[1].GetProperty("by").GetString());
        Assert.Equal(0, entries[1].GetProperty("errors").GetArrayLength());
        Assert.True(entries[1].TryGetProperty("hash", out _) && entries[1].TryGetProperty("at", out _) && entries[1].TryGetProperty("origin", out _));

        Assert.True(diff.ExitCode == 0, diff.ToString());
        var lines = diff.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("~ service:revision: 1 -> 2", lines.Select(l => l.Replace("\"", string.Empty, StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("+ service:added: ", StringComparison.Ordinal) && l.Contains("new-key", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("- service:flag: ", StringComparison.Ordinal) && l.Contains("value-1", StringComparison.Ordinal));
        Assert.DoesNotContain('\u001b', diff.Stdout);

        var doc = diffJson.Json();
        Assert.Equal("diffed", doc.GetProperty("topic").GetString());
        Assert.Equal(1, doc.GetProperty("from").GetInt64());
        Assert.Equal(2, doc.GetProperty("to").GetInt64());
        var kinds = doc.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("path").GetString()!, l => l.GetProperty("kind").GetString());
        Assert.Equal("changed", kinds["service:revision"]);
        Assert.Equal("added", kinds["service:added"]);
        Assert.Equal("removed", kinds["service:flag"]);

        Assert.Equal(AdminNodeFixture.ContentVersion("diffed", 1), showV1.Stdout);
    }

    [Fact]
    public async Task Reload_InvalidContent_ExitsOneWithTheValidationErrors()
    {
        File.WriteAllText(node.TopicFile("broken"), "service:\n  name: [unclosed\n");
        try
        {
            var human = await node.Hrc("reload", "broken");
            var json = await node.Hrc("reload", "broken", "--json");

            Assert.True(human.ExitCode == 1, human.ToString());
            Assert.StartsWith("broken: rejected (current v1)\n  ", human.Stdout, StringComparison.Ordinal);
            Assert.Contains("broken.yaml", human.Stdout, StringComparison.Ordinal);
            Assert.StartsWith("error: broken: rejected", human.Stderr, StringComparison.Ordinal);

            Assert.True(json.ExitCode == 1, json.ToString());
            var doc = json.Json();
            Assert.Equal("failed", doc.GetProperty("outcome").GetString());
            var outcome = Assert.Single(doc.GetProperty("outcomes").EnumerateArray());
            Assert.Equal("rejected", outcome.GetProperty("outcome").GetString());
            Assert.Equal(1, outcome.GetProperty("version").GetInt64());
            Assert.Contains("broken.yaml", Assert.Single(outcome.GetProperty("errors").EnumerateArray()).GetString(), StringComparison.Ordinal);

            var history = (await node.Hrc("history", "broken", "--json")).Json();
            Assert.Contains(history.GetProperty("entries").EnumerateArray(), e => e.GetProperty("kind").GetString() == "rejected" && e.GetProperty("errors").GetArrayLength() > 0);
        }
        finally
        {
            File.WriteAllText(node.TopicFile("broken"), AdminNodeFixture.ContentVersion("broken", 1));
        }

        var restored = await node.Hrc("reload", "broken");
        Assert.True(restored.ExitCode == 0, restored.ToString());
        Assert.Equal("broken: unchanged v1\n", restored.Stdout);
    }

    [Fact]
    public async Task Reload_EveryTopic_PrintsOneOutcomePerTopic()
    {
        var human = await node.Hrc("reload");
        var json = await node.Hrc("reload", "--json");

        Assert.True(human.ExitCode == 0, human.ToString());
        Assert.All(AdminNodeFixture.Topics, t => Assert.Matches($"(?m)^{t}: (applied|unchanged) v\\d+$", human.Stdout));
        Assert.True(json.ExitCode == 0, json.ToString());
        var outcomes = json.Json().GetProperty("outcomes").EnumerateArray().ToList();
        Assert.Equal(AdminNodeFixture.Topics.Order(StringComparer.Ordinal), outcomes.Select(o => o.GetProperty("topic").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(outcomes, o => Assert.Equal("unchanged", o.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task Rollback_PreviousInitialAndTo_ApplyNewVersions_AndAMissingVersionExitsOne()
    {
        File.WriteAllText(node.TopicFile("rollbacks"), AdminNodeFixture.ContentVersion("rollbacks", 2));
        Assert.Equal("rollbacks: applied v2\n", (await node.Hrc("reload", "rollbacks")).Stdout);
        File.WriteAllText(node.TopicFile("rollbacks"), AdminNodeFixture.ContentVersion("rollbacks", 3));
        Assert.Equal("rollbacks: applied v3\n", (await node.Hrc("reload", "rollbacks")).Stdout);

        var previous = await node.Hrc("rollback", "rollbacks", "--previous");
        Assert.True(previous.ExitCode == 0, previous.ToString());
        Assert.Equal("rollbacks: applied v4\n", previous.Stdout);
        Assert.Equal(AdminNodeFixture.ContentVersion("rollbacks", 2), (await node.Hrc("show", "rollbacks")).Stdout);

        var initial = await node.Hrc("rollback", "rollbacks", "--initial", "--json");
        Assert.True(initial.ExitCode == 0, initial.ToString());
        var outcome = Assert.Single(initial.Json().GetProperty("outcomes").EnumerateArray());
        Assert.Equal("applied", outcome.GetProperty("outcome").GetString());
        Assert.Equal(5, outcome.GetProperty("version").GetInt64());

        var to = await node.Hrc("rollback", "rollbacks", "--to", "3");
        Assert.True(to.ExitCode == 0, to.ToString());
        Assert.Equal("rollbacks: applied v6\n", to.Stdout);
        var topic = (await node.Hrc("topics", "--json")).Json().GetProperty("topics").EnumerateArray().Single(t => t.GetProperty("topic").GetString() == "rollbacks");
        Assert.Equal("rollback(to 3)", topic.GetProperty("origin").GetString());
        Assert.True(topic.GetProperty("pinned").GetBoolean());

        var missing = await node.Hrc("rollback", "rollbacks", "--to", "999");
        var missingJson = await node.Hrc("rollback", "rollbacks", "--to", "999", "--json");
        Assert.True(missing.ExitCode == 1, missing.ToString());
        Assert.StartsWith("rollbacks: refused (current v6)\n", missing.Stdout, StringComparison.Ordinal);
        Assert.Contains("999", missing.Stdout, StringComparison.Ordinal);
        Assert.True(missingJson.ExitCode == 1, missingJson.ToString());
        Assert.Equal("refused", Assert.Single(missingJson.Json().GetProperty("outcomes").EnumerateArray()).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task WrongToken_ExitsFour_AndTheAuditShowsAnUnauthorizedEntryByUnknown()
    {
        var wrong = await node.Run("not-a-valid-token", "status");
        var wrongJson = await node.Run("not-a-valid-token", "status", "--json");

        Assert.True(wrong.ExitCode == 4, wrong.ToString());
        Assert.Equal(string.Empty, wrong.Stdout);
        Assert.StartsWith("error: not authorized", wrong.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-valid-token", wrong.All, StringComparison.Ordinal);
        Assert.True(wrongJson.ExitCode == 4, wrongJson.ToString());
        Assert.Equal("unauthorized", wrongJson.Json().GetProperty("outcome").GetString());

        var results = await Task.WhenAll(node.Hrc("audit"), node.Hrc("audit", "--json", "--limit", "200"));
        var (audit, auditJson) = (results[0], results[1]);
        Assert.True(audit.ExitCode == 0, audit.ToString());
        Assert.Contains("AUDIT\nat\twho\tcommand\ttopic\toutcome\tdetail\n", audit.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\S+ \S+\tunknown\tstatus\t-\tunauthorized\t", audit.Stdout);
        var entries = auditJson.Json().GetProperty("entries").EnumerateArray().ToList();
        var entry = entries.Last(e => e.GetProperty("outcome").GetString() == "unauthorized");
        Assert.Equal("unknown", entry.GetProperty("who").GetString());
        Assert.Equal("status", entry.GetProperty("command").GetString());
        Assert.True(entry.TryGetProperty("at", out _) && entry.TryGetProperty("topic", out _) && entry.TryGetProperty("detail", out _));
        Assert.DoesNotContain("not-a-valid-token", auditJson.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ViewerToken_CannotRollback_ButCanReadTheStatus()
    {
        var results = await Task.WhenAll(
            node.Run(AdminNodeFixture.ViewerToken, "rollback", "settings", "--previous"),
            node.Run(AdminNodeFixture.ViewerToken, "reload", "settings", "--json"),
            node.Run(AdminNodeFixture.ViewerToken, "status"));
        var (rollback, reload, status) = (results[0], results[1], results[2]);

        Assert.True(rollback.ExitCode == 4, rollback.ToString());
        Assert.Contains("viewer", rollback.Stderr, StringComparison.Ordinal);
        Assert.True(reload.ExitCode == 4, reload.ToString());
        Assert.Equal("unauthorized", reload.Json().GetProperty("outcome").GetString());
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("NODES", status.Stdout, StringComparison.Ordinal);

        var audit = (await node.Hrc("audit", "--json", "--limit", "200")).Json().GetProperty("entries").EnumerateArray().ToList();
        Assert.Contains(audit, e => e.GetProperty("who").GetString() == "bob" && e.GetProperty("command").GetString() == "rollback" && e.GetProperty("outcome").GetString() != "ok");
    }

    [Fact]
    public async Task UnreachableContact_ExitsThreeWithinTheTimeout_NamingTheContact()
    {
        // hrc counts its own start-up against --timeout 3; launching a .NET process on a loaded 2-core CI box can
        // take seconds more. 8 s is still under the 10 s default, so passing proves --timeout is honoured.
        var deadline = TimeSpan.FromSeconds(8);
        var port = AdminNodeFixture.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var environment = new Dictionary<string, string?> { ["HOTRELOAD_ADMIN_TOKEN"] = AdminNodeFixture.OperatorToken };
        var results = await Task.WhenAll(
            AdminNodeFixture.RunRaw(environment, "status", "--contact", "127.0.0.1:" + port, "--timeout", "3"),
            AdminNodeFixture.RunRaw(environment, "topics", "--json", "--contact", "akka.tcp://hotreload@127.0.0.1:" + port, "--timeout", "3"));
        var (human, json) = (results[0], results[1]);

        Assert.True(human.ExitCode == 3, human.ToString());
        Assert.True(human.Elapsed < deadline, human.ToString());
        Assert.Equal(string.Empty, human.Stdout);
        var message = Assert.Single(human.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("akka.tcp://hotreload@127.0.0.1:" + port, message, StringComparison.Ordinal);
        Assert.Contains("within 3 s", message, StringComparison.Ordinal);

        Assert.True(json.ExitCode == 3, json.ToString());
        Assert.True(json.Elapsed < deadline, json.ToString());
        Assert.Equal("unreachable", json.Json().GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task UsageErrors_ExitTwo_WithoutContactingTheCluster()
    {
        var none = new Dictionary<string, string?>();
        var token = new Dictionary<string, string?> { ["HOTRELOAD_ADMIN_TOKEN"] = AdminNodeFixture.OperatorToken };
        var results = await Task.WhenAll(
            AdminNodeFixture.RunRaw(none, "status", "--contact", node.Contact),
            AdminNodeFixture.RunRaw(token, "rollback", "settings", "--contact", node.Contact),
            AdminNodeFixture.RunRaw(token, "rollback", "settings", "--previous", "--to", "1", "--contact", node.Contact),
            AdminNodeFixture.RunRaw(token, "frobnicate"),
            AdminNodeFixture.RunRaw(token, "status", "--contact", "no-port-here"));

        Assert.All(results, r => Assert.True(r.ExitCode == 2, r.ToString()));
        Assert.Contains("HOTRELOAD_ADMIN_TOKEN", results[0].Stderr, StringComparison.Ordinal);
        Assert.Contains("exactly one of --to <N>, --previous, --initial", results[1].Stderr, StringComparison.Ordinal);
        Assert.Contains("exactly one of --to <N>, --previous, --initial", results[2].Stderr, StringComparison.Ordinal);
        Assert.Contains("frobnicate", results[3].Stderr, StringComparison.Ordinal);
        Assert.Contains("no-port-here", results[4].Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tail_AfterAFileChangeAndReload_PrintsTheEvent_AndExitsZeroOnSigterm()
    {
        var environment = new Dictionary<string, string?> { ["HOTRELOAD_ADMIN_TOKEN"] = AdminNodeFixture.OperatorToken };
        using var human = new TailProcess(environment, ["tail", "tailed", "--contact", node.Contact, "--timeout", "30"]);
        using var json = new TailProcess(environment, ["tail", "--json", "--contact", node.Contact, "--timeout", "30"]);
        human.WaitForStderr(l => l.StartsWith("tailing tailed", StringComparison.Ordinal), TimeSpan.FromSeconds(15));

        File.WriteAllText(node.TopicFile("tailed"), AdminNodeFixture.ContentVersion("tailed", 2));
        var reload = await node.Hrc("reload", "tailed");
        Assert.True(reload.ExitCode == 0, reload.ToString());

        var line = human.WaitForStdout(l => l.Contains("ReloadSuccess", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
        Assert.Matches(@"^\d\d:\d\d:\d\d\.\d{3} ReloadSuccess +tailed v2 \(sha256:[0-9a-f]{12}\) \[akka\.tcp://hotreload@127\.0\.0\.1:\d+\]$", line);
        var jsonLine = json.WaitForStdout(l => l.Contains("ReloadSuccess", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
        using (var doc = JsonDocument.Parse(jsonLine))
        {
            var e = doc.RootElement;
            Assert.Equal("tailed", e.GetProperty("topic").GetString());
            Assert.Equal(2, e.GetProperty("version").GetInt64());
            Assert.Equal(node.FullContact, e.GetProperty("node").GetString());
            Assert.True(e.TryGetProperty("hash", out _) && e.TryGetProperty("error", out _) && e.TryGetProperty("at", out _) && e.TryGetProperty("type", out _));
        }

        Assert.Equal(0, human.Terminate(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, json.Terminate(TimeSpan.FromSeconds(10)));
        AdminNodeFixture.AssertNoToken(human.Output + json.Output);
    }

    [Fact]
    public void NodeOutput_NeverContainsTheTokens()
    {
        AdminNodeFixture.AssertNoToken(string.Join('\n', node.Node.Stdout.ToArray()) + string.Join('\n', node.Node.Stderr.ToArray()));
    }
}
