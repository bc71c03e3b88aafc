using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using HotReloadCluster.Hosting;
using HotReloadCluster.Reloading;
using HotReloadCluster.Serialization;
using HotReloadCluster.Tests.Support;
using Xunit.Abstractions;

namespace HotReloadCluster.IntegrationTests;

/// <summary>
/// Four real node processes on 127.0.0.1 sharing PostgreSQL: two source/registry nodes, two subscribers. A burst
/// of 200 file changes, with <c>kill -9</c> of the node that holds the topic's ReloadActor in the middle.
/// </summary>
public sealed class FailoverBurstSpecs(ITestOutputHelper output) : IDisposable
{
    private static readonly System.Diagnostics.Stopwatch Clock = System.Diagnostics.Stopwatch.StartNew();
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly TempDirectory _temp = new();
    private readonly PostgresDatabase _database = PostgresDatabase.Create();
    private readonly List<NodeProcess> _nodes = [];

    [Fact]
    public async Task Burst_WithKillOfTheWriterMidway_LosesNothingAndEverySubscriberEndsOnTheFinalContent()
    {
        var file = _temp.Write("config/settings.yaml", "n: 0\n");
        var seedPort = FreePorts.Next();
        var otherPort = FreePorts.Next();
        var seeds = new[] { "--seed", $"127.0.0.1:{seedPort}", "--seed", $"127.0.0.1:{otherPort}" };
        var journal = "postgres:" + _database.ConnectionString;
        string[] Common(int port, string roles, string data) =>
            ["--port", port.ToString(CultureInfo.InvariantCulture), "--roles", roles, "--journal", journal, "--data", data, "--json", "--stable-after", "3", .. seeds];

        var a = Start([.. Common(seedPort, "config-source,config-registry", "a"), "--watch", "config"]);
        var b = Start([.. Common(otherPort, "config-source,config-registry", "b"), "--watch", "config"]);
        var s1 = Start([.. Common(FreePorts.Next(), "config-subscriber", "s1"), "--subscribe", "settings"]);
        var s2 = Start([.. Common(FreePorts.Next(), "config-subscriber", "s2"), "--subscribe", "settings"]);
        var seen1 = Collect(s1);
        var seen2 = Collect(s2);
        await WaitUntil(() => !seen1.IsEmpty && !seen2.IsEmpty, "both subscribers got version 1");

        // The ReloadActor's events are printed by the node that hosts it.
        var writer = await WaitForHost(a, b);
        var killedAt = TimeSpan.Zero;
        for (var i = 1; i <= 200; i++)
        {
            await File.WriteAllTextAsync(file, $"n: {i}\n");
            if (i == 100)
            {
                writer.Kill();
                killedAt = Clock.Elapsed;
            }

            await Task.Delay(5);
        }

        var final = "n: final\n";
        await File.WriteAllTextAsync(file, final);
        var finalHash = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(final)));
        await WaitUntil(() => seen1.Values.Any(h => h == finalHash) && seen2.Values.Any(h => h == finalHash), "both subscribers got the final content");

        var recovered = _appliedAt.Where(t => t > killedAt).DefaultIfEmpty(TimeSpan.Zero).Min();
        output.WriteLine($"kill -9 → next version applied on a subscriber: {(recovered - killedAt).TotalSeconds:0.0} s (stable-after 3 s)");

        foreach (var node in _nodes)
        {
            node.Kill();
        }

        var history = await ReadHistory(file);
        var versions = history.Versions.ToList();
        Assert.Equal(Enumerable.Range(1, versions.Count).Select(v => (long)v), versions.Select(v => v.Version!.Value));
        Assert.Equal(finalHash, versions[^1].Hash);
        Assert.True(versions.Count > 2, "the burst made versions");
        output.WriteLine($"{versions.Count} versions; subscriber 1 saw {seen1.Count}, subscriber 2 saw {seen2.Count}");
        foreach (var seen in new[] { seen1, seen2 })
        {
            Assert.All(seen, pair => Assert.Equal(versions[(int)pair.Key - 1].Hash, pair.Value));
        }
    }

    public void Dispose()
    {
        // What each node saw, for a failure's diagnosis.
        foreach (var node in _nodes)
        {
            output.WriteLine($"--- node {node.Id}");
            foreach (var line in node.Stderr.Where(l => l.Contains("cluster:", StringComparison.Ordinal) || l.Contains("SBR", StringComparison.Ordinal) || l.Contains("Lease", StringComparison.Ordinal) || l.Contains("fail:", StringComparison.Ordinal)).TakeLast(30))
            {
                output.WriteLine(line.Length > 400 ? line[..400] : line);
            }
        }

        foreach (var node in _nodes)
        {
            node.Dispose();
        }

        _database.Dispose();
        _temp.Dispose();
    }

    private NodeProcess Start(string[] args)
    {
        var node = NodeProcess.Start(_temp.Path, args);
        _nodes.Add(node);
        return node;
    }

    /// <summary>Version → hash of every Applied line a subscriber printed; also checks versions only go up.</summary>
    private readonly ConcurrentQueue<TimeSpan> _appliedAt = new();

    private ConcurrentDictionary<long, string> Collect(NodeProcess subscriber)
    {
        var seen = new ConcurrentDictionary<long, string>();
        var appliedAt = _appliedAt;
        _ = Task.Run(() =>
        {
            long last = 0;
            foreach (var line in subscriber.Stdout.GetConsumingEnumerable())
            {
                if (!line.StartsWith('{'))
                {
                    continue;
                }

                var json = JsonDocument.Parse(line).RootElement;
                if (json.GetProperty("event").GetString() == "Applied")
                {
                    var version = json.GetProperty("version").GetInt64();
                    Assert.True(version > last, $"version {version} after {last}");
                    last = version;
                    seen[version] = json.GetProperty("hash").GetString()!;
                    appliedAt.Enqueue(Clock.Elapsed);
                }
            }
        });
        return seen;
    }

    private static async Task<NodeProcess> WaitForHost(NodeProcess a, NodeProcess b)
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

    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting until " + what);
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Reads the topic's history from the journal, by recovering its ReloadActor with every node gone.</summary>
    private async Task<TopicHistory> ReadHistory(string file)
    {
        var config = ConfigurationFactory.ParseString(SerializationHocon.Config + "\nakka.loglevel = WARNING")
            .WithFallback(PersistenceHocon.For(_database.Persistence));
        using var system = ActorSystem.Create("verify", config);
        var actor = system.ActorOf(ReloadActor.Props("settings", file, new ReloadSettings()));
        var history = await actor.Ask<TopicHistory>(new GetHistory("settings"), Timeout);
        await system.Terminate();
        return history;
    }
}
