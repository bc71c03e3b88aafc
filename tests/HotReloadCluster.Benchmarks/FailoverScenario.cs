using System.Globalization;
using HotReloadCluster.IntegrationTests;

namespace HotReloadCluster.Benchmarks;

/// <summary>
/// Membership failures with real node processes on 127.0.0.1 and PostgreSQL, each measured until the next change is
/// applied on every subscriber: kill -9 of the node holding the topic's ReloadActor (default and <c>--failover fast</c>),
/// the only config node frozen 25 s, a subscriber frozen 25 s, and a subscriber cut off from everyone for 30 s.
/// </summary>
public sealed class FailoverScenario : IScenario
{
    /// <inheritdoc />
    public string Name => "failover";

    /// <inheritdoc />
    public string Description => "kill -9 of the writer (default, fast), frozen config node, frozen subscriber, partitioned subscriber → next change applied everywhere";

    /// <inheritdoc />
    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var rows = new List<BenchmarkRow>();
        foreach (var (label, flags, goal) in quick ? new[] { ("fast", "--failover fast", "≤ 8 s") } : [("default", string.Empty, "≤ 30 s"), ("fast", "--failover fast", "≤ 8 s")])
        {
            rows.AddRange(await KillAsync(label, flags, goal, cancellationToken).ConfigureAwait(false));
        }

        if (!quick)
        {
            rows.AddRange(await PausesAsync(cancellationToken).ConfigureAwait(false));
            rows.AddRange(await PartitionAsync(cancellationToken).ConfigureAwait(false));
        }

        return rows;
    }

    private async Task<IReadOnlyList<BenchmarkRow>> KillAsync(string label, string flags, string goal, CancellationToken cancellationToken)
    {
        var rows = new List<BenchmarkRow>();
        using var store = BenchStore.PostgreSql();
        var file = await ConfigFileAsync(store, cancellationToken).ConfigureAwait(false);
        using var cluster = new NodeCluster(store, $"{flags} --debounce fixed:1");
        cluster.StartSource(0);
        cluster.StartSource(1);
        cluster.StartSubscriber(0);
        cluster.StartSubscriber(1);
        await cluster.WaitAllAsync(1, TimeSpan.FromSeconds(90), cancellationToken).ConfigureAwait(false);

        // Failover is measured from a settled cluster: a member still Joining does not count for the resolver.
        await cluster.WaitAllUpAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);

        var writer = cluster.Writer();
        var killedAt = DateTimeOffset.UtcNow;
        writer.Kill();
        var recovered = await NextChangeEverywhereAsync(cluster, file, 1, cancellationToken).ConfigureAwait(false);
        var configuration = $"kill -9 of the writer, 2 config nodes + 2 subscribers, {label} settings";
        rows.Add(new BenchmarkRow(Name, configuration, "→ next change applied on every subscriber", (recovered - killedAt).TotalSeconds, "s", goal));

        // Where the time went, as the surviving source node saw it.
        var observer = cluster.Sources.Single(n => n != writer);
        var writerPort = cluster.Ports[cluster.Sources.IndexOf(writer)];
        var previous = killedAt;
        foreach (var change in new[] { "unreachable", "downed", "removed" })
        {
            if (NodeCluster.MembershipChange(observer, change, writerPort) is { } at)
            {
                rows.Add(new BenchmarkRow(Name, configuration, $"breakdown: → {change}", (at - previous).TotalSeconds, "s"));
                previous = at;
            }
        }

        rows.Add(new BenchmarkRow(Name, configuration, "breakdown: → applied everywhere (removal margin, hand-over, recovery)", (recovered - previous).TotalSeconds, "s"));
        return rows;
    }

    /// <summary>1 config node + 2 subscribers: a subscriber frozen 25 s, then the config node frozen 25 s.</summary>
    private async Task<IReadOnlyList<BenchmarkRow>> PausesAsync(CancellationToken cancellationToken)
    {
        using var store = BenchStore.PostgreSql();
        var file = await ConfigFileAsync(store, cancellationToken).ConfigureAwait(false);
        using var cluster = new NodeCluster(store, "--debounce fixed:1", sources: 1);
        var source = cluster.StartSource(0);
        cluster.StartSubscriber(0);
        cluster.StartSubscriber(1);
        await cluster.WaitAllAsync(1, TimeSpan.FromSeconds(90), cancellationToken).ConfigureAwait(false);
        await cluster.WaitAllUpAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        const string configuration = "1 config node + 2 subscribers, default settings";

        var subscriber = cluster.Subscribers[1];
        subscriber.Signal("STOP");
        await Task.Delay(TimeSpan.FromSeconds(25), cancellationToken).ConfigureAwait(false);
        subscriber.Signal("CONT");
        var resumed = DateTimeOffset.UtcNow;
        var afterSubscriber = await NextChangeEverywhereAsync(cluster, file, cluster.Applied.Max(a => a.Keys.Max()), cancellationToken).ConfigureAwait(false);

        source.Signal("STOP");
        await Task.Delay(TimeSpan.FromSeconds(25), cancellationToken).ConfigureAwait(false);
        source.Signal("CONT");
        var resumedSource = DateTimeOffset.UtcNow;
        var afterSource = await NextChangeEverywhereAsync(cluster, file, cluster.Applied.Max(a => a.Keys.Max()), cancellationToken).ConfigureAwait(false);
        return
        [
            new(Name, configuration, "a subscriber frozen 25 s: resumed → next change applied on every subscriber", (afterSubscriber - resumed).TotalSeconds, "s"),
            new(Name, configuration, "the config node frozen 25 s: resumed → next change applied on every subscriber", (afterSource - resumedSource).TotalSeconds, "s"),
        ];
    }

    /// <summary>2 config nodes + 3 subscribers, one of them in its own network namespace, cut off for 30 s.</summary>
    private async Task<IReadOnlyList<BenchmarkRow>> PartitionAsync(CancellationToken cancellationToken)
    {
        using var store = BenchStore.PostgreSql();
        var file = await ConfigFileAsync(store, cancellationToken).ConfigureAwait(false);
        using var cluster = new NodeCluster(store, "--debounce fixed:1");
        cluster.StartSource(0);
        cluster.StartSource(1);
        cluster.StartSubscriber(0);
        cluster.StartSubscriber(1);
        var port = FreePorts.Next();
        using var bridge = NamespaceBridge.Create(port, [cluster.Ports[0], cluster.Ports[1], 5432]);
        cluster.StartSubscriber(2, port, bridge.Launcher);
        await cluster.WaitAllAsync(1, TimeSpan.FromSeconds(90), cancellationToken).ConfigureAwait(false);
        await cluster.WaitAllUpAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);

        bridge.Cut();
        await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        bridge.Heal();
        var healed = DateTimeOffset.UtcNow;
        var applied = await NextChangeEverywhereAsync(cluster, file, cluster.Applied.Max(a => a.Keys.Max()), cancellationToken).ConfigureAwait(false);
        return [new(Name, "2 config nodes + 3 subscribers, default settings", "a subscriber cut off 30 s: healed → next change applied on every subscriber", (applied - healed).TotalSeconds, "s")];
    }

    private static async Task<string> ConfigFileAsync(BenchStore store, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.Combine(store.Folder, "config"));
        var file = Path.Combine(store.Folder, "config", "settings.yaml");
        await File.WriteAllTextAsync(file, "revision: 0\n", cancellationToken).ConfigureAwait(false);
        return file;
    }

    /// <summary>
    /// Writes a new revision every 200 ms until every subscriber applied a version above <paramref name="above"/>; returns
    /// when the last of them applied it.
    /// </summary>
    private static async Task<DateTimeOffset> NextChangeEverywhereAsync(NodeCluster cluster, string file, long above, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(2);
        var revision = 0;
        while (!cluster.Applied.All(seen => seen.Keys.Any(v => v > above)))
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException("not every subscriber applied a new version; subscriber stderr:\n"
                    + string.Join('\n', cluster.Subscribers.SelectMany(s => s.Stderr.TakeLast(8))));
            }

            await File.WriteAllTextAsync(file, $"revision: {DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture)}-{++revision}\n", cancellationToken).ConfigureAwait(false);
            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }

        return cluster.Applied.Max(seen => seen.Where(p => p.Key > above).Min(p => p.Value));
    }
}
