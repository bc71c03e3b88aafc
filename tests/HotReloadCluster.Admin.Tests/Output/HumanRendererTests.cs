using HotReloadCluster.Hrc.Output;
using Spectre.Console;

namespace HotReloadCluster.Admin.Tests.Output;

public sealed class HumanRendererTests
{
    private static string Plain(AdminPayload payload)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        HumanRenderer.Render(payload, HumanWriter.Plain(writer));
        return writer.ToString();
    }

    private static string Rich(AdminPayload payload)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Standard,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        HumanRenderer.Render(payload, HumanWriter.Rich(console));
        return writer.ToString();
    }

    [Fact]
    public void Status_Plain_IsTabSeparatedWithoutBoxesOrAnsi()
    {
        var text = Plain(Payloads.Status());

        Assert.StartsWith("NODES\naddress\troles\tstatus\treachable\nakka.tcp://hotreload@10.0.0.1:4053\tconfig-registry,config-source\tUp\tyes\n\nTOPICS\n", text, StringComparison.Ordinal);
        Assert.Contains("settings\tv3\tsha256:0123456789ab\trollback(to 1)\t2026-11-27 08:30:15Z\tyes\tyes\t2\t0/2 nodes\t-\n", text, StringComparison.Ordinal);
        Assert.Contains("average reload\t12.5 ms\n", text, StringComparison.Ordinal);
        Assert.Contains("success rate\t75.0 %\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain('│', text);
    }

    [Fact]
    public void Status_DeletedCollidingTrimmedTopic_SaysSoInNotes()
    {
        var topic = Payloads.Topic() with { Deleted = true, IgnoredFiles = ["/config/settings.json"], OldestKept = 17 };

        var text = Plain(new TopicsPayload([topic]));

        Assert.Contains("\tfile deleted, last version kept; collision: ignored settings.json; history from v17\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_Rich_DrawsTables()
    {
        var text = Rich(Payloads.Status());

        Assert.Contains("│", text, StringComparison.Ordinal);
        Assert.Contains("akka.tcp://hotreload@10.0.0.1:4053", text, StringComparison.Ordinal);
        Assert.Contains("file differs", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_LaggingAndFailingNodes_CountedPerTopicAndListed()
    {
        var status = Payloads.Status() with { Topics = [Payloads.TopicWithNodes()] };

        var text = Plain(status);

        Assert.Contains("\tsubscribers\ton current\tnotes\n", text, StringComparison.Ordinal);
        Assert.Contains("\tyes\tyes\t3\t1/3 nodes\t-\n", text, StringComparison.Ordinal);
        Assert.Contains(
            "LAGGING OR FAILING NODES\ntopic\tnode\tversion\tcurrent\tstate\twhen\terror\n" +
            $"settings\t{Payloads.NodeB}\tv2\tv3\tlagging\t2026-11-27 08:30:15Z\t-\n" +
            $"settings\t{Payloads.NodeC}\tv3\tv3\tfailing\t2026-11-27 08:30:15Z\tmissing variable ${{DB_PASSWORD}}\n",
            text,
            StringComparison.Ordinal);
        Assert.DoesNotContain(Payloads.NodeA, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_EveryNodeOnTheCurrentVersion_SaysConvergedAndListsNoNode()
    {
        var topic = Payloads.TopicWithNodes() with { Subscribers = 1, Converged = true, Nodes = [new TopicNodeInfo(Payloads.NodeA, 3, Payloads.At, null)] };

        var text = Plain(Payloads.Status() with { Topics = [topic] });

        Assert.Contains("\t1\t1/1 nodes, converged\t-\n", text, StringComparison.Ordinal);
        Assert.Contains("\nEvery subscriber node that reported runs the current version of every topic.\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("LAGGING", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Nodes_Plain_OneLinePerNodeAndTopic()
    {
        var lines = Plain(Payloads.Nodes()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(
        [
            "SUBSCRIBER NODES",
            "node\tstatus\treachable\ttopic\tversion\tcurrent\tstate\twhen\terror",
            $"{Payloads.NodeA}\tUp\tyes\tdb\tv7\tv7\tcurrent\t2026-11-27 08:30:15Z\t-",
            $"{Payloads.NodeA}\tUp\tyes\tsettings\tv3\tv3\tcurrent\t2026-11-27 08:30:15Z\t-",
            $"{Payloads.NodeB}\tUp\tno\tsettings\tv2\tv3\tlagging\t2026-11-27 08:30:15Z\t-",
        ],
        lines);
    }

    [Fact]
    public void Diff_Plain_PrintsPlusMinusTildeLines()
    {
        Assert.Equal("+ app:new: \"x\"\n- app:old: \"y\"\n~ app:size: 1 -> 2\n", Plain(Payloads.Diff()));
        Assert.Equal("no changes between v1 and v1\n", Plain(new DiffPayload("t", 1, 1, [])));
    }

    [Fact]
    public void Diff_Rich_ColorsGreenRedYellow()
    {
        var text = Rich(Payloads.Diff());

        // Spectre's Color.Green, Color.Red and Color.Yellow in the 16-color palette: green, bright red, bright yellow.
        Assert.Contains("\u001b[32m+ app:new", text, StringComparison.Ordinal);
        Assert.Contains("\u001b[91m- app:old", text, StringComparison.Ordinal);
        Assert.Contains("\u001b[93m~ app:size", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Outcomes_PrintVersionOrCurrentVersionAndIndentedErrors()
    {
        Assert.Equal(
            "settings: applied v4\ndb: unchanged v2\nbroken: rejected (current v1)\n  (root): broken.yaml:3:1: bad\n  second error\n",
            Plain(Payloads.Outcomes()));
        Assert.True(HumanRenderer.AnyFailing(Payloads.Outcomes()));
        Assert.False(HumanRenderer.AnyFailing(new OutcomesPayload([new OutcomeInfo("a", "unchanged", 1, [])])));
        Assert.True(HumanRenderer.AnyFailing(new OutcomesPayload([new OutcomeInfo("a", "refused", 1, ["no such version"])])));
    }

    [Fact]
    public void HistoryAndAudit_Plain_OneLinePerEntryEvenWithMultilineErrors()
    {
        var history = Plain(Payloads.History()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["HISTORY OF SETTINGS", "version\tkind\torigin\tby\twhen\thash\terrors"], history[..2]);
        Assert.Equal("-\trejected\tfile\t-\t2026-11-27 08:30:15Z\tsha256:0123456789ab\tbad value on two lines", history[3]);
        Assert.Equal(4, history.Length);

        var audit = Plain(Payloads.Audit());
        Assert.Contains("2026-11-27 08:30:15Z\tunknown\tstatus\t-\tunauthorized\t-\n", audit, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_PrintsTheContentExactly()
    {
        const string content = "a: 1\nb: \"[red]not markup[/]\"";

        Assert.Equal(content, Plain(new ShowPayload("t", 1, content, "yaml", Payloads.Hash, "file", Payloads.At)));
        Assert.Equal(content, Rich(new ShowPayload("t", 1, content, "yaml", Payloads.Hash, "file", Payloads.At)));
    }

    [Fact]
    public void TailLine_HasTimeTypeTopicVersionHashNodeAndError()
    {
        var line = HumanRenderer.TailLine(new AdminTailEvent("ReloadFailure", "settings", 3, Payloads.Hash, "bad", Payloads.At, "akka.tcp://hotreload@n:1"));

        Assert.Equal("08:30:15.250 ReloadFailure    settings v3 (sha256:0123456789ab) [akka.tcp://hotreload@n:1]: bad", line);
    }
}
