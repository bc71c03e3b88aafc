using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HotReloadCluster.Tests.Support;
using Xunit.Abstractions;

namespace HotReloadCluster.IntegrationTests;

/// <summary>
/// Membership that never takes the config, or an application, down — real node processes on 127.0.0.1 sharing
/// PostgreSQL: a config node and a subscriber frozen (SIGSTOP) longer than failure detection and the split brain
/// resolver's wait; the kill -9 of the node hosting the topic; a subscriber cut off from everyone for 30 s by a proxy
/// between its network namespace and the host's loopback. Processes stay alive, downed nodes rejoin as new
/// incarnations, and every subscriber ends on the last version, having applied versions only in increasing order.
/// </summary>
public sealed class MembershipScenarioSpecs(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(25);
    private readonly TempDirectory _temp = new();
    private readonly PostgresDatabase _database = PostgresDatabase.Create();
    private readonly List<NodeProcess> _nodes = [];
    private readonly List<IDisposable> _others = [];
    private string _file = string.Empty;
    private int _writes;

    [Fact]
    public async Task FrozenSubscriber_ThenFrozenConfigNode_NobodyExits_AndTheNextChangeReachesBothSubscribers()
    {
        _file = _temp.Write("config/settings.yaml", "n: 0\n");
        var port = FreePorts.Next();
        var source = Start(port, "config-source,config-registry", "a", [port], ["--watch", "config"]);
        var b = Start(FreePorts.Next(), "config-subscriber", "b", [port], ["--subscribe", "settings"]);
        var c = Start(FreePorts.Next(), "config-subscriber", "c", [port], ["--subscribe", "settings"]);
        var onB = Applied(b);
        var onC = Applied(c);
        await WaitUntil(() => onB.ContainsKey(1) && onC.ContainsKey(1), "both subscribers applied version 1");

        // b. A subscriber frozen longer than failure detection + stable-after: downed by the config node; it rejoins.
        await FreezeAsync(c, Pause);
        var hash = await WriteAsync();
        await WaitUntil(() => onB.Values.Contains(hash) && onC.Values.Contains(hash), "the next change reached both subscribers after the subscriber's pause");
        Assert.Contains(c.Stderr, l => l.Contains("rejoining as incarnation 2", StringComparison.Ordinal));

        // a. The only config node frozen: the subscribers (no config node on their side) down themselves and rejoin it.
        await FreezeAsync(source, Pause);
        hash = await WriteAsync();
        await WaitUntil(() => onB.Values.Contains(hash) && onC.Values.Contains(hash), "the next change reached both subscribers after the config node's pause");
        Assert.All(_nodes, n => Assert.False(n.HasExited, "a node process exited"));
        Assert.DoesNotContain(source.Stderr, l => l.Contains("was removed from the cluster", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoConfigNodesThreeSubscribers_KillOfTheTopicHostAndA30SecondPartition_LoseNothingAndConverge()
    {
        _file = _temp.Write("config/settings.yaml", "n: 0\n");
        var (p1, p2, p3, p4, p5) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        int[] seeds = [p1, p2];
        var a1 = Start(p1, "config-source,config-registry", "a1", seeds, ["--watch", "config"]);
        var a2 = Start(p2, "config-source,config-registry", "a2", seeds, ["--watch", "config"]);
        var s1 = Start(p3, "config-subscriber", "s1", seeds, ["--subscribe", "settings"]);
        var s2 = Start(p4, "config-subscriber", "s2", seeds, ["--subscribe", "settings"]);
        // Every node reaches the split brain resolver's lease in PostgreSQL (5432), the one inside through the proxy too.
        var bridge = NamespaceBridge.Create(p5, [p1, p2, p3, p4, 5432]);
        _others.Add(bridge);
        var s3 = Start(p5, "config-subscriber", "s3", seeds, ["--subscribe", "settings"], bridge.Launcher);
        var subscribers = new[] { Applied(s1), Applied(s2), Applied(s3) };
        await WaitUntil(() => subscribers.All(s => s.ContainsKey(1)), "every subscriber applied version 1");

        // The kill -9 of the node that hosts the topic's ReloadActor, with changes coming in before and after.
        var host = await HostOfTheTopicAsync(a1, a2);
        await WriteAsync();
        host.Kill();
        for (var i = 0; i < 5; i++)
        {
            await WriteAsync();
            await Task.Delay(500);
        }

        var last = await WriteAsync();
        await WaitUntil(() => subscribers.All(s => s.Values.Contains(last)), "every subscriber converged after the kill");

        // One subscriber cut off from everyone for 30 s while changes keep coming.
        bridge.Cut();
        for (var i = 0; i < 6; i++)
        {
            await WriteAsync();
            await Task.Delay(5_000);
        }

        bridge.Heal();
        last = await WriteAsync();
        await WaitUntil(() => subscribers.All(s => s.Values.Contains(last)), "every subscriber converged after the partition");

        var survivor = host == a1 ? a2 : a1;
        Assert.False(survivor.HasExited);
        Assert.All(new[] { s1, s2, s3 }, s => Assert.False(s.HasExited, "a subscriber exited"));
        var history = HistoryFromJournal();
        Assert.Equal(Enumerable.Range(1, history.Count).Select(v => (long)v), history.Keys.Order());
        foreach (var seen in subscribers)
        {
            Assert.All(seen, pair => Assert.Equal(history[pair.Key], pair.Value)); // every version a subscriber applied is the journal's
        }

        output.WriteLine($"{history.Count} versions; subscribers applied {string.Join(", ", subscribers.Select(s => s.Count))}");
    }

    [Fact]
    public async Task FirstSeedNodeGone_TheOtherConfigNodeFormsTheCluster_AndSubscribersGetVersions()
    {
        // The first seed (which alone may form a cluster in Akka) never comes: the other config node forms it after the
        // formation delay, holding the cluster lease, and the subscriber joins it.
        _file = _temp.Write("config/settings.yaml", "n: 0\n");
        var (gone, p2, p3) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        int[] seeds = [gone, p2];
        var a2 = Start(p2, "config-source,config-registry", "a2", seeds, ["--watch", "config"]);
        var s1 = Start(p3, "config-subscriber", "s1", seeds, ["--subscribe", "settings"]);
        var onS1 = Applied(s1);

        await WaitUntil(() => onS1.ContainsKey(1), "the subscriber applied version 1 from the cluster the second seed formed");
        var hash = await WriteAsync();
        await WaitUntil(() => onS1.Values.Contains(hash), "the next change reached the subscriber");
        Assert.Contains(a2.Stderr, l => l.Contains("forming a new cluster from this node", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        // What each node saw, for a failure's diagnosis: membership and reload lines.
        foreach (var node in _nodes)
        {
            output.WriteLine($"--- node {node.Id}");
            foreach (var line in node.Stderr.Where(l => l.Contains("cluster:", StringComparison.Ordinal) || l.Contains("error", StringComparison.OrdinalIgnoreCase) || l.Contains("Lease", StringComparison.Ordinal) || l.Contains("SBR", StringComparison.Ordinal)).TakeLast(40))
            {
                output.WriteLine(line.Length > 300 ? line[..300] : line);
            }

            foreach (var line in node.Stdout.Where(l => l.Contains("Applied", StringComparison.Ordinal) || l.Contains("Reload", StringComparison.Ordinal)).TakeLast(15))
            {
                output.WriteLine(line.Length > 200 ? line[..200] : line);
            }
        }

        foreach (var bridge in _others.OfType<NamespaceBridge>())
        {
            output.WriteLine("--- bridge");
            foreach (var line in bridge.Log.TakeLast(60))
            {
                output.WriteLine(line);
            }
        }

        foreach (var node in _nodes)
        {
            node.Dispose();
        }

        foreach (var other in _others)
        {
            other.Dispose();
        }

        _database.Dispose();
        _temp.Dispose();
    }

    private NodeProcess Start(int port, string roles, string data, int[] seeds, string[] extra, IReadOnlyList<string>? launcher = null)
    {
        string[] args =
        [
            "--port", port.ToString(CultureInfo.InvariantCulture), "--roles", roles, "--journal", "postgres:" + _database.ConnectionString,
            "--data", data, "--json", .. seeds.SelectMany(s => new[] { "--seed", "127.0.0.1:" + s.ToString(CultureInfo.InvariantCulture) }), .. extra,
        ];
        var node = NodeProcess.Start(_temp.Path, new Dictionary<string, string>(), launcher ?? [], args);
        _nodes.Add(node);
        return node;
    }

    /// <summary>Writes the next content; returns its hash.</summary>
    private async Task<string> WriteAsync()
    {
        var content = $"n: {++_writes}\n";
        await File.WriteAllTextAsync(_file, content);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }

    private async Task FreezeAsync(NodeProcess node, TimeSpan pause)
    {
        node.Signal("STOP");
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} froze {node.Id} for {pause.TotalSeconds} s");
        await Task.Delay(pause);
        node.Signal("CONT");
    }

    /// <summary>Version → hash of every version a subscriber applied; applying a version not above the last fails the test.</summary>
    private static ConcurrentDictionary<long, string> Applied(NodeProcess subscriber)
    {
        var seen = new ConcurrentDictionary<long, string>();
        _ = Task.Run(() =>
        {
            long last = 0;
            foreach (var line in subscriber.Stdout.GetConsumingEnumerable())
            {
                if (line.StartsWith('{') && JsonDocument.Parse(line).RootElement is var json && json.GetProperty("event").GetString() == "Applied")
                {
                    var version = json.GetProperty("version").GetInt64();
                    if (version <= last)
                    {
                        seen[-version] = "out of order or duplicated after " + last.ToString(CultureInfo.InvariantCulture);
                    }

                    last = version;
                    seen[version] = json.GetProperty("hash").GetString()!;
                }
            }
        });
        return seen;
    }

    private static async Task<NodeProcess> HostOfTheTopicAsync(NodeProcess a, NodeProcess b)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var node in new[] { a, b })
            {
                if (node.Stdout.Any(l => l.Contains("\"ReloadSuccess\"", StringComparison.Ordinal)))
                {
                    return node;
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("No node reported the topic's ReloadSuccess.");
    }

    /// <summary>Version → hash of every applied version, read from the journal table.</summary>
    private Dictionary<long, string> HistoryFromJournal()
    {
        // Each event is a binary envelope: a marker byte, the header's length (int32, little-endian), the JSON header.
        var versions = new Dictionary<long, string>();
        foreach (var message in _database.Column<byte[]>("SELECT message FROM journal WHERE persistence_id = 'reload-settings' AND manifest = 'config-applied.v2' ORDER BY sequence_number"))
        {
            var length = BitConverter.ToInt32(message, 1);
            using var header = JsonDocument.Parse(message.AsMemory(5, length));
            versions[header.RootElement.GetProperty("version").GetInt64()] = header.RootElement.GetProperty("hash").GetString()!;
        }

        return versions;
    }

    private static async Task WaitUntil(Func<bool> condition, string what)
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
