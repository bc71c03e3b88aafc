using System.Diagnostics;
using Akka.Actor;
using Akka.TestKit;
using HotReloadCluster.Cluster;
using HotReloadCluster.Diagnostics;
using HotReloadCluster.Hosting;
using HotReloadCluster.Subscriptions;
using HotReloadCluster.Tests.Support;
using Xunit.Abstractions;

namespace HotReloadCluster.Tests.Diagnostics;

/// <summary>
/// A version's trace and the subscriber-side metrics across two ActorSystems on 127.0.0.1 (real remoting, so the trace
/// context crosses the wire in the serialized <c>ConfigChanged</c>): a source/registry node with an SQLite journal that
/// watches the file, and a subscriber node.
/// </summary>
public sealed class TracingSpecs : Akka.TestKit.Xunit2.TestKit
{
    private const string Marker = "marker-value-41d7";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _temp = new();
    private readonly List<ClusterTestNode> _nodes = [];

    public TracingSpecs(ITestOutputHelper output)
        : base("akka.loglevel = WARNING", "test", output)
    {
    }

    [Fact]
    public async Task FileChange_OneTraceFromTheFileEventToTheApplyOnAnotherNode_AndPropagationMeasured()
    {
        var file = _temp.Write("watched/settings.yaml", "v: 1\n");
        var source = Start([HotReloadRoles.Source, HotReloadRoles.Registry], HotReloadPersistence.Sqlite(_temp.File(".data/journal.db")), _temp.File("watched"));
        var subscriber = Start([HotReloadRoles.Subscriber], HotReloadPersistence.InMemory, join: source);
        var sourceTelemetry = HotReloadTelemetry.Get(source.System);
        var subscriberTelemetry = HotReloadTelemetry.Get(subscriber.System);
        using var recorder = new TelemetryRecorder(sourceTelemetry, subscriberTelemetry);
        await AwaitConditionAsync(() => Task.FromResult(_nodes.All(n => n.UpMembers() == 2)), Timeout);
        var probe = CreateTestProbe(subscriber.System);
        subscriber.Handles.Subscriptions!.Tell(new Subscribe("settings", probe.Ref));
        Assert.Equal(1, probe.ExpectMsg<ConfigUpdate>(Timeout).Version);

        await File.WriteAllTextAsync(file, $"v: 2\nsecret: {Marker}\n");

        Assert.Equal(2, probe.ExpectMsg<ConfigUpdate>(Timeout).Version);
        var apply = AwaitSpan(recorder, HotReloadInstruments.ApplySpan, 2);
        var trace = recorder.Spans.Where(s => s.TraceId == apply.TraceId).ToList();
        var fileEvent = Assert.Single(trace, s => s.OperationName == HotReloadInstruments.FileEventSpan);
        var reload = Assert.Single(trace, s => s.OperationName == HotReloadInstruments.ReloadSpan);
        var persist = Assert.Single(trace, s => s.OperationName == HotReloadInstruments.PersistSpan);
        var registry = Assert.Single(trace, s => s.OperationName == HotReloadInstruments.RegistrySpan);
        Assert.Equal(default, fileEvent.ParentSpanId);
        Assert.Equal(fileEvent.SpanId, reload.ParentSpanId);
        Assert.Equal(reload.SpanId, persist.ParentSpanId);
        Assert.Equal(reload.SpanId, registry.ParentSpanId);
        Assert.Equal(registry.SpanId, apply.ParentSpanId);
        Assert.All([fileEvent, reload, persist, registry], s => Assert.Same(sourceTelemetry.ActivitySource, s.Source));
        Assert.Same(subscriberTelemetry.ActivitySource, apply.Source);
        Assert.True(apply.HasRemoteParent);
        Assert.Equal("applied", apply.GetTagItem("hotreload.outcome"));
        Assert.Equal("applied", reload.GetTagItem("hotreload.outcome"));
        Assert.All(trace, s => Assert.DoesNotContain(s.TagObjects, t => t.Value?.ToString()?.Contains(Marker, StringComparison.Ordinal) == true));

        // Version 1 was the subscriber's first: its age, not a propagation. Version 2 was propagated.
        var delay = Assert.Single(recorder.Of(HotReloadInstruments.PropagationDelay));
        Assert.Equal(("settings", "ms"), (delay[HotReloadInstruments.TopicTag], delay.Unit));
        Assert.InRange(delay.Value, 0, Timeout.TotalMilliseconds);
        Assert.Equal(
            [(HotReloadInstruments.RoleSubscriber, 2.0)],
            recorder.Observe(HotReloadInstruments.TopicVersion).Where(m => m[HotReloadInstruments.TopicTag] == "settings" && m[HotReloadInstruments.RoleTag] == HotReloadInstruments.RoleSubscriber).Select(m => (m[HotReloadInstruments.RoleTag], m.Value)));
        AwaitAssert(() => Assert.Equal(1, Assert.Single(recorder.Observe(HotReloadInstruments.Subscribers), m => m[HotReloadInstruments.TopicTag] == "settings").Value), Timeout);
        Assert.Equal(2, Assert.Single(recorder.Observe(HotReloadInstruments.TopicVersion), m => m[HotReloadInstruments.RoleTag] == HotReloadInstruments.RoleSource).Value);
        Assert.Equal(0, Assert.Single(recorder.Observe(HotReloadInstruments.WatcherPolling)).Value);
    }

    protected override void AfterAll()
    {
        Task.WhenAll(_nodes.Select(n => Task.Run(n.Dispose))).Wait(Timeout);
        base.AfterAll();
        _temp.Dispose();
    }

    private Activity AwaitSpan(TelemetryRecorder recorder, string name, long version)
    {
        Activity? found = null;
        AwaitAssert(() => found = Assert.Single(recorder.Spans, s => s.OperationName == name && Equals(s.GetTagItem("hotreload.version"), version)), Timeout);
        return found!;
    }

    private ClusterTestNode Start(string[] roles, HotReloadPersistence persistence, string? watch = null, ClusterTestNode? join = null)
    {
        var node = ClusterTestNode.Start(roles, persistence, watch, join?.Address);
        _nodes.Add(node);
        return node;
    }
}
