using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using HotReloadCluster.Admin.Tests.Support;
using HotReloadCluster.Tests.Support;
using Xunit.Abstractions;

namespace HotReloadCluster.IntegrationTests;

/// <summary>
/// Which node runs which version, seen through the built <c>hrc</c> against real node processes on 127.0.0.1: a config
/// node and two subscribers, one of them in its own network namespace behind a proxy (<see cref="NamespaceBridge"/>).
/// While that subscriber is cut off, a new version reaches only the other one and <c>hrc status</c> shows the cut-off
/// node lagging; after the heal both run it and the topic is converged again.
/// </summary>
public sealed class NodeConvergenceSpecs(ITestOutputHelper output) : IDisposable
{
    private const string Token = "node-convergence-operator-token";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly TempDirectory _temp = new();
    private readonly List<NodeProcess> _nodes = [];
    private NamespaceBridge? _bridge;

    [Fact]
    public async Task HrcStatus_SubscriberCutOff_ShowsItLagging_AndConvergedAfterTheHeal()
    {
        var file = _temp.Write("config/settings.yaml", "n: 1\n");
        var (p1, p2, p3) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());

        // A long stable-after: the cut-off subscriber stays a member (unreachable, not downed) for the whole partition.
        var source = Start(p1, "config-source,config-registry", "a", p1, ["--watch", "config"]);
        var s1 = Start(p2, "config-subscriber", "s1", p1, ["--subscribe", "settings"]);
        _bridge = NamespaceBridge.Create(p3, [p1, p2]);
        var s2 = Start(p3, "config-subscriber", "s2", p1, ["--subscribe", "settings"], _bridge.Launcher);
        var (onS1, onS2) = (Applied(s1), Applied(s2));
        var (a1, a2) = (Address(p2), Address(p3));

        // Both subscribers run version 1: converged, each node listed with its version and time, no error.
        var converged = await StatusUntilAsync(p1, t => Converged(t) && Runs(t, a1, a2) == (1, 1), "both subscribers report version 1");
        Assert.All(converged.GetProperty("nodes").EnumerateArray(), n =>
        {
            Assert.Equal(JsonValueKind.Null, n.GetProperty("error").ValueKind);
            Assert.True(DateTimeOffset.TryParse(n.GetProperty("at").GetString(), CultureInfo.InvariantCulture, out _));
        });
        var nodes = await HrcAsync(p1, "nodes", "--json");
        Assert.True(nodes.ExitCode == 0, nodes.ToString());
        Assert.Equal(
            new[] { (a1, "settings", 1L, 1L), (a2, "settings", 1L, 1L) }.OrderBy(n => n.Item1, StringComparer.Ordinal),
            nodes.Json().GetProperty("nodes").EnumerateArray().SelectMany(n => n.GetProperty("topics").EnumerateArray().Select(t =>
                (n.GetProperty("address").GetString()!, t.GetProperty("topic").GetString()!, t.GetProperty("version").GetInt64(), t.GetProperty("current").GetInt64()))));

        // Cut off: version 2 reaches s1 only; s2 still runs version 1 and is shown lagging.
        _bridge.Cut();
        await File.WriteAllTextAsync(file, "n: 2\n");
        await WaitUntilAsync(() => onS1.ContainsKey(2), "s1 applied version 2");
        var lagging = await StatusUntilAsync(p1, t => t.GetProperty("version").GetInt64() == 2 && Runs(t, a1, a2) == (2, 1), "s1 reports version 2 while s2 is cut off");
        Assert.False(lagging.GetProperty("converged").GetBoolean());
        Assert.False(onS2.ContainsKey(2));
        var human = await HrcAsync(p1, "status");
        Assert.True(human.ExitCode == 0, human.ToString());
        Assert.Matches(@"\nsettings\tv2\t.*\t2\t1/2 nodes\t", human.Stdout);
        Assert.Contains($"LAGGING OR FAILING NODES\ntopic\tnode\tversion\tcurrent\tstate\twhen\terror\nsettings\t{a2}\tv1\tv2\tlagging\t", human.Stdout, StringComparison.Ordinal);
        output.WriteLine(human.Stdout);

        // Healed: s2 catches up with its next re-subscribe and reports it; the topic is converged again.
        _bridge.Heal();
        await StatusUntilAsync(p1, t => Converged(t) && Runs(t, a1, a2) == (2, 2), "both subscribers report version 2 after the heal");
        Assert.True(onS2.ContainsKey(2));
        var table = await HrcAsync(p1, "nodes");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.StartsWith("SUBSCRIBER NODES\nnode\tstatus\treachable\ttopic\tversion\tcurrent\tstate\twhen\terror\n", table.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{a1}\tUp\tyes\tsettings\tv2\tv2\tcurrent\t", table.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{a2}\tUp\tyes\tsettings\tv2\tv2\tcurrent\t", table.Stdout, StringComparison.Ordinal);
        Assert.All(new[] { source, s1, s2 }, n => Assert.False(n.HasExited, "a node process exited"));
    }

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            output.WriteLine($"--- node {node.Id}");
            foreach (var line in node.Stderr.Where(l => l.Contains("cluster:", StringComparison.Ordinal) || l.Contains("error", StringComparison.OrdinalIgnoreCase)).TakeLast(20))
            {
                output.WriteLine(line.Length > 300 ? line[..300] : line);
            }

            node.Dispose();
        }

        _bridge?.Dispose();
        _temp.Dispose();
    }

    private static string Address(int port) => "akka.tcp://hotreload@127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);

    private static bool Converged(JsonElement topic) => topic.GetProperty("converged").GetBoolean();

    /// <summary>The versions nodes <paramref name="a"/> and <paramref name="b"/> report; (-1, -1) unless exactly those two have an entry.</summary>
    private static (long, long) Runs(JsonElement topic, string a, string b)
    {
        var byAddress = topic.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("address").GetString()!, n => n.GetProperty("version").GetInt64());
        return byAddress.Count == 2 && byAddress.TryGetValue(a, out var va) && byAddress.TryGetValue(b, out var vb) ? (va, vb) : (-1, -1);
    }

    private NodeProcess Start(int port, string roles, string data, int seed, string[] extra, IReadOnlyList<string>? launcher = null)
    {
        string[] args =
        [
            "--port", port.ToString(CultureInfo.InvariantCulture), "--roles", roles, "--data", data, "--json", "--stable-after", "60",
            "--seed", "127.0.0.1:" + seed.ToString(CultureInfo.InvariantCulture), .. extra,
        ];
        var node = NodeProcess.Start(_temp.Path, new Dictionary<string, string> { ["HOTRELOAD_ADMINTOKENS__0"] = "test:operator:" + Token }, launcher ?? [], args);
        _nodes.Add(node);
        return node;
    }

    private static Task<HrcResult> HrcAsync(int port, params string[] args) =>
        HrcProcess.RunAsync(
            new Dictionary<string, string?> { ["HOTRELOAD_ADMIN_TOKEN"] = Token },
            [.. args, "--contact", "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture), "--timeout", "30"],
            TimeSpan.FromSeconds(45));

    /// <summary>Runs <c>hrc status --json</c> until the settings topic matches; returns that topic.</summary>
    private async Task<JsonElement> StatusUntilAsync(int port, Func<JsonElement, bool> match, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        HrcResult? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await HrcAsync(port, "status", "--json");
            if (last.ExitCode == 0
                && last.Json().GetProperty("topics").EnumerateArray().FirstOrDefault(t => t.GetProperty("topic").GetString() == "settings") is { ValueKind: JsonValueKind.Object } topic
                && match(topic))
            {
                output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {what}: {topic}");
                return topic;
            }
        }

        throw new TimeoutException($"Timed out waiting until {what}; last hrc status: {last}");
    }

    /// <summary>The versions a subscriber printed as applied.</summary>
    private static ConcurrentDictionary<long, string> Applied(NodeProcess subscriber)
    {
        var seen = new ConcurrentDictionary<long, string>();
        _ = Task.Run(() =>
        {
            foreach (var line in subscriber.Stdout.GetConsumingEnumerable())
            {
                if (line.StartsWith('{') && JsonDocument.Parse(line).RootElement is var json && json.GetProperty("event").GetString() == "Applied")
                {
                    seen[json.GetProperty("version").GetInt64()] = json.GetProperty("hash").GetString()!;
                }
            }
        });
        return seen;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting until " + what);
            }

            await Task.Delay(100);
        }
    }
}
