namespace HotReloadCluster.Benchmarks;

/// <summary>
/// kill -9 of the node holding the topic's ReloadActor → time until a change is applied on a subscriber again,
/// with the split brain resolver's default stable-after (20 s) and a tuned one (3 s).
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
        foreach (var (label, stableAfter, goal) in quick ? new[] { ("tuned", 3, "≤ 8 s") } : [("default", 20, "≤ 30 s"), ("tuned", 3, "≤ 8 s")])
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

            // Failover is measured from a settled cluster: a subscriber can apply version 1 while it is still
            // Joining, and a Joining member does not count for the split brain resolver until the leader moves it
            // Up (a second or two after it joined).
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken).ConfigureAwait(false);

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
            rows.Add(new BenchmarkRow(Name, $"{label}: stable-after {stableAfter} s", "kill -9 → next change applied", (recovered - killedAt).TotalSeconds, "s", goal));
        }

        return rows;
    }
}
