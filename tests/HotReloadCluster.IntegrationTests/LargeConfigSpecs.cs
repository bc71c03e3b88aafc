using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HotReloadCluster.Admin.Tests.Support;
using HotReloadCluster.Tests.Support;
using Xunit.Abstractions;

namespace HotReloadCluster.IntegrationTests;

/// <summary>
/// Configs of 1 MB and 9 MB (under the 10 MiB file limit, far over Akka.Remote's 128,000-byte frame) across real node
/// processes on 127.0.0.1 sharing PostgreSQL: to two subscriber processes, through <c>hrc show</c>, <c>history</c> and
/// <c>diff</c>, and while the node that holds the topic is killed with a large version in flight.
/// </summary>
public sealed class LargeConfigSpecs(ITestOutputHelper output) : IDisposable
{
    private const string Token = "large-config-operator-token";
    // Generous: under the full suite on 2 cores a 9 MB version to two subscriber processes took up to ~150 s (37 s alone).
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(240);
    private readonly TempDirectory _temp = new();
    private readonly PostgresDatabase _database = PostgresDatabase.Create();
    private readonly List<NodeProcess> _nodes = [];

    [Fact]
    public async Task OneAndNineMegabyteConfigs_ReachTwoSubscribers_AndHrcShowsAndDiffsThem()
    {
        var file = _temp.Write("config/settings.yaml", "v: 1\n");
        var port = FreePorts.Next();
        var source = Start(port, "config-source,config-registry", "a", ["--watch", "config"], seeds: [port]);
        var s1 = Start(FreePorts.Next(), "config-subscriber", "s1", ["--subscribe", "settings"], seeds: [port]);
        var s2 = Start(FreePorts.Next(), "config-subscriber", "s2", ["--subscribe", "settings"], seeds: [port]);
        var seen1 = Collect(s1);
        var seen2 = Collect(s2);
        await WaitUntil(() => seen1.ContainsKey(1) && seen2.ContainsKey(1), "both subscribers applied version 1");

        var oneMb = LargeYaml(2, 1_000_000);
        await File.WriteAllTextAsync(file, oneMb);
        await WaitUntil(() => seen1.TryGetValue(2, out var h1) && h1 == Hash(oneMb) && seen2.TryGetValue(2, out var h2) && h2 == Hash(oneMb), "both subscribers applied the 1 MB version");

        var nineMb = LargeYaml(3, 9_000_000);
        await File.WriteAllTextAsync(file, nineMb);
        await WaitUntil(() => seen1.TryGetValue(3, out var h1) && h1 == Hash(nineMb) && seen2.TryGetValue(3, out var h2) && h2 == Hash(nineMb), "both subscribers applied the 9 MB version");

        var show = await Hrc(port, "show", "settings");
        Assert.True(show.ExitCode == 0, show.Stderr);
        Assert.Equal(nineMb, show.Stdout);
        var showOlder = await Hrc(port, "show", "settings", "--version", "2");
        Assert.Equal(oneMb, showOlder.Stdout);
        var diff = await Hrc(port, "diff", "settings", "2", "3", "--json");
        Assert.True(diff.ExitCode == 0, diff.Stderr);
        var lines = diff.Json().GetProperty("lines");
        Assert.True(lines.GetArrayLength() > 10_000, $"{lines.GetArrayLength()} diff lines");
        Assert.Contains(lines.EnumerateArray(), l => l.GetProperty("path").GetString() == "key100" && l.GetProperty("new").GetString()!.Contains("value 3 100", StringComparison.Ordinal));
        var history = await Hrc(port, "history", "settings", "--json");
        Assert.Equal([1L, 2L, 3L], history.Json().GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("version").GetInt64()));
        Assert.Equal(Encoding.UTF8.GetByteCount(nineMb), history.Json().GetProperty("entries")[2].GetProperty("size").GetInt64());
        Assert.DoesNotContain(source.Stderr, l => l.Contains("oversized", StringComparison.OrdinalIgnoreCase) || l.Contains("Discarding", StringComparison.Ordinal));
        output.WriteLine($"hrc show of 9 MB took {show.Elapsed.TotalSeconds:0.0} s, diff {diff.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task KillOfTheWriter_WithALargeVersionInFlight_LosesNothingAndSubscribersConverge()
    {
        var file = _temp.Write("config/settings.yaml", "v: 1\n");
        var (pa, pb) = (FreePorts.Next(), FreePorts.Next());
        var a = Start(pa, "config-source,config-registry", "a", ["--watch", "config", "--stable-after", "3"], seeds: [pa, pb]);
        var b = Start(pb, "config-source,config-registry", "b", ["--watch", "config", "--stable-after", "3"], seeds: [pa, pb]);
        var s1 = Start(FreePorts.Next(), "config-subscriber", "s1", ["--subscribe", "settings", "--stable-after", "3"], seeds: [pa, pb]);
        var seen1 = Collect(s1);
        await WaitUntil(() => seen1.ContainsKey(1), "the subscriber applied version 1");
        var writer = await WriterAsync(a, b);

        var large = LargeYaml(2, 9_000_000);
        await File.WriteAllTextAsync(file, large);
        await WaitUntil(() => writer.Stdout.Any(l => l.Contains("\"version\":2", StringComparison.Ordinal) && l.Contains("\"ReloadSuccess\"", StringComparison.Ordinal)), "the writer applied the large version");
        writer.Kill(); // the subscriber is fetching 9 MB in chunks from it right now

        await WaitUntil(() => seen1.TryGetValue(2, out var h) && h == Hash(large), "the subscriber applied the large version from the node that took over");
        await File.WriteAllTextAsync(file, "v: 3\n");
        await WaitUntil(() => seen1.TryGetValue(3, out var h) && h == Hash("v: 3\n"), "the next change reached the subscriber");
        var survivor = writer == a ? pb : pa;
        var history = await Hrc(survivor, "history", "settings", "--json");
        Assert.Equal([1L, 2L, 3L], history.Json().GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "applied").Select(e => e.GetProperty("version").GetInt64()));
    }

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }

        _database.Dispose();
        _temp.Dispose();
    }

    private static string Hash(string content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    private static string LargeYaml(int seed, int bytes)
    {
        var builder = new StringBuilder(bytes + 100);
        for (var i = 0; builder.Length < bytes; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"key{i}: \"value {seed} {i} é\"\n");
        }

        return builder.ToString();
    }

    private NodeProcess Start(int port, string roles, string data, string[] extra, int[] seeds)
    {
        string[] args =
        [
            "--port", port.ToString(CultureInfo.InvariantCulture), "--roles", roles, "--journal", "postgres:" + _database.ConnectionString,
            "--data", data, "--json", .. seeds.SelectMany(s => new[] { "--seed", "127.0.0.1:" + s.ToString(CultureInfo.InvariantCulture) }), .. extra,
        ];
        var node = NodeProcess.Start(_temp.Path, new Dictionary<string, string> { ["HOTRELOAD_ADMINTOKENS__0"] = "test:operator:" + Token }, args);
        _nodes.Add(node);
        return node;
    }

    private static Task<HrcResult> Hrc(int port, params string[] args) =>
        HrcProcess.RunAsync(
            new Dictionary<string, string?> { ["HOTRELOAD_ADMIN_TOKEN"] = Token },
            [.. args, "--contact", "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture), "--timeout", "60"],
            TimeSpan.FromSeconds(90));

    /// <summary>Version → hash of every Applied line a subscriber printed (versions only go up).</summary>
    private static ConcurrentDictionary<long, string> Collect(NodeProcess subscriber)
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

    private static async Task<NodeProcess> WriterAsync(NodeProcess a, NodeProcess b)
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
}
