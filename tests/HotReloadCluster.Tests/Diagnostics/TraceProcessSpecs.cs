using System.Globalization;
using System.Text.Json;
using HotReloadCluster.Diagnostics;
using HotReloadCluster.Tests.Support;

namespace HotReloadCluster.Tests.Diagnostics;

/// <summary>
/// A version's trace across two real node processes: a config node that watches the file and a subscriber node, each
/// printing its ended spans (<c>HOTRELOAD_PRINT_SPANS=1</c>) beside its <c>--json</c> events.
/// </summary>
public sealed class TraceProcessSpecs : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly Dictionary<string, string> PrintSpans = new() { ["HOTRELOAD_PRINT_SPANS"] = "1" };
    private readonly TempDirectory _temp = new();
    private readonly List<NodeProcess> _nodes = [];

    [Fact]
    public void FileChange_TheSubscriberProcessAppliesItInTheTraceThatTheConfigNodeStarted()
    {
        var file = _temp.Write("config/settings.yaml", "v: 1\n");
        var port = FreePort();
        var source = Start("--port", Text(port), "--seed", "127.0.0.1:" + Text(port), "--roles", "config-source,config-registry", "--watch", "config", "--data", "a", "--debounce", "fixed:1");
        var subscriber = Start("--port", Text(FreePort()), "--seed", "127.0.0.1:" + Text(port), "--roles", "config-subscriber", "--subscribe", "settings", "--data", "b");
        subscriber.WaitForLine(l => IsEvent(l, "Applied", 1), Timeout);

        File.WriteAllText(file, "v: 2\n");

        var apply = Span(subscriber, HotReloadInstruments.ApplySpan, 2);
        var reload = Span(source, HotReloadInstruments.ReloadSpan, 2);
        Assert.Equal(reload.GetProperty("traceId").GetString(), apply.GetProperty("traceId").GetString());
        Assert.Equal("applied", apply.GetProperty("outcome").GetString());
        Assert.Equal("settings", apply.GetProperty("topic").GetString());
        var registry = Span(source, HotReloadInstruments.RegistrySpan, 2);
        Assert.Equal(registry.GetProperty("spanId").GetString(), apply.GetProperty("parentSpanId").GetString());
        Assert.Equal(reload.GetProperty("traceId").GetString(), registry.GetProperty("traceId").GetString());
    }

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }

        _temp.Dispose();
    }

    private static JsonElement Span(NodeProcess node, string name, long version) =>
        JsonDocument.Parse(node.WaitForLine(l => IsSpan(l, name, version), Timeout)).RootElement;

    private static bool IsSpan(string line, string name, long version) =>
        IsEvent(line, "Span", version) && JsonDocument.Parse(line).RootElement.GetProperty("name").GetString() == name;

    private static bool IsEvent(string line, string name, long version) =>
        line.StartsWith('{') && JsonDocument.Parse(line).RootElement is var e
        && e.TryGetProperty("event", out var type) && type.GetString() == name
        && e.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number && v.GetInt64() == version;

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static int FreePort() => HotReloadCluster.IntegrationTests.FreePorts.Next();

    private NodeProcess Start(params string[] args)
    {
        var node = NodeProcess.Start(_temp.Path, PrintSpans, [.. args, "--json"]);
        _nodes.Add(node);
        return node;
    }
}
