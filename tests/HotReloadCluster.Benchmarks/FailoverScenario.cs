namespace HotReloadCluster.Benchmarks;

/// <summary>
/// kill -9 of the node holding the topic's ReloadActor → time until a change is applied on a subscriber again,
/// with the split brain resolver's default stable-after (10 s) and a tuned one (3 s).
/// </summary>
public sealed class FailoverScenario : IScenario
{
    /// <inheritdoc />
    public string Name => "failover";

    /// <inheritdoc />
    public string Description => "kill -9 of the writer → next change applied on a subscriber";

    /// <inheritdoc />
    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var rows = new List<BenchmarkRow>();
        foreach (var (label, stableAfter, goal) in quick ? new[] { ("tuned", 3, "≤ 8 s") } : [("default", 10, "≤ 30 s"), ("tuned", 3, "≤ 8 s")])
        {
            using var store = BenchStore.PostgreSql();
            Directory.CreateDirectory(Path.Combine(store.Folder, "config"));
            var file = Path.Combine(store.Folder, "config", "settings.yaml");
            await File.WriteAllTextAsync(file, "revision: 0\n", cancellationToken).ConfigureAwait(false);
            using var cluster = new NodeCluster(store, $"--stable-after {stableAfter} --debounce fixed:1");
            cluster.StartSource(0);
            cluster.StartSource(1);
            cluster.StartSubscriber(0);
            await cluster.WaitAllAsync(1, TimeSpan.FromSeconds(90), cancellationToken).ConfigureAwait(false);

            // Failover is measured from a settled cluster: a node can serve while it is still Joining, and a
            // Joining member does not count for the split brain resolver (with the dead node on the lowest address
            // the tie-break then downs the survivors).
            await cluster.WaitAllUpAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);

            var writer = cluster.Writer();
            var killedAt = DateTimeOffset.UtcNow;
            writer.Kill();
            var revision = 0;
            var seen = cluster.Applied[0];
            var deadline = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(2);
            while (!seen.Keys.Any(v => v > 1))
            {
                if (DateTimeOffset.UtcNow > deadline)
                {
                    var survivor = cluster.Sources.Single(n => n != writer);
                    throw new TimeoutException("no version was applied after the kill; survivor stderr:\n" + string.Join('\n', survivor.Stderr.TakeLast(15))
                        + "\nsubscriber stderr:\n" + string.Join('\n', cluster.Subscribers[0].Stderr.TakeLast(15)));
                }

                await File.WriteAllTextAsync(file, $"revision: {++revision}\n", cancellationToken).ConfigureAwait(false);
                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            }

            var recovered = seen.Where(p => p.Key > 1).Min(p => p.Value);
            var configuration = $"{label}: stable-after {stableAfter} s";
            rows.Add(new BenchmarkRow(Name, configuration, "kill -9 → next change applied", (recovered - killedAt).TotalSeconds, "s", goal));

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

            rows.Add(new BenchmarkRow(Name, configuration, "breakdown: → next change applied (hand-over, recovery)", (recovered - previous).TotalSeconds, "s"));
        }

        return rows;
    }
}
