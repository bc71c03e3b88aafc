using System.Globalization;
using Akka.Actor;
using HotReloadCluster.Registry;

namespace HotReloadCluster.Tests.Registry;

/// <summary>The registry's per-node bookkeeping as a plain class: ordering, pages, bounded errors, removal by reporter.</summary>
public sealed class NodeVersionTableSpecs
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Page_MoreEntriesThanAPage_ComesInOrderedPagesWithErrorsCut()
    {
        var table = new NodeVersionTable();
        foreach (var i in Enumerable.Range(0, NodeVersionTable.PageSize + 7).Reverse())
        {
            table.Record(new VersionReport("t", Node(i), 3, At, new string('x', NodeVersionTable.MaxPageErrorLength + 1)), ActorRefs.Nobody);
        }

        var (first, more) = table.Page(0);
        var (second, last) = table.Page(first.Length);

        Assert.Equal((NodeVersionTable.PageSize, true, 7, false), (first.Length, more, second.Length, last));
        Assert.Equal(Enumerable.Range(0, NodeVersionTable.PageSize + 7).Select(Node), first.Concat(second).Select(n => n.Node));
        Assert.All(first, n => Assert.Equal(NodeVersionTable.MaxPageErrorLength + 3, n.Error!.Length));
    }

    [Fact]
    public void RemoveReporter_ForgetsOnlyItsEntries()
    {
        var table = new NodeVersionTable();
        var (a, b) = (new ReporterRef("a"), new ReporterRef("b"));
        table.Record(new VersionReport("t", Node(1), 3, At, null), a);
        table.Record(new VersionReport("t", Node(2), 3, At, null), b);

        table.RemoveReporter(a);

        Assert.Equal([Node(2)], table.Page(0).Page.Select(n => n.Node));
        Assert.True(table.RemoveNode(Node(2)));
        Assert.Equal(0, table.Count);
    }

    private static string Node(int i) => "akka.tcp://hotreload@10.0.0.1:" + (4000 + i).ToString(CultureInfo.InvariantCulture);

    /// <summary>A distinct reporter without an ActorSystem.</summary>
    private sealed class ReporterRef(string name) : MinimalActorRef
    {
        public override ActorPath Path { get; } = new RootActorPath(new Address("akka", "test")) / name;

        public override IActorRefProvider Provider => throw new NotSupportedException();
    }
}
