using System.Diagnostics;
using Akka.Actor;
using HotReloadCluster.Cluster;
using HotReloadCluster.Subscriptions;
using HotReloadCluster.Tests.Support;

namespace HotReloadCluster.Benchmarks;

/// <summary>
/// One change → 10,000 subscriber actors spread over 3 nodes (in-process cluster on 127.0.0.1): time from the
/// file write until every one of them has the new version.
/// </summary>
public sealed class FanoutScenario : IScenario
{
    /// <inheritdoc />
    public string Name => "fanout";

    /// <inheritdoc />
    public string Description => "one change → 10,000 subscriber actors over 3 nodes, until all applied";

    /// <inheritdoc />
    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var subscribers = quick ? 300 : 10_000;
        var changes = quick ? 2 : 10;
        using var store = BenchStore.Sqlite();
        var file = Path.Combine(store.Folder, "settings.yaml");
        await File.WriteAllTextAsync(file, "revision: 0\n", cancellationToken).ConfigureAwait(false);
        using var a = Node([.. HotReloadRoles.All], store, store.Folder, null);
        using var b = Node([HotReloadRoles.Subscriber], store, null, a.Address);
        using var c = Node([HotReloadRoles.Subscriber], store, null, a.Address);
        var nodes = new[] { a, b, c };
        while (nodes.Any(n => n.UpMembers() < 3))
        {
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        var counter = new VersionCounter();
        for (var i = 0; i < subscribers; i++)
        {
            var node = nodes[i % 3];
            var actor = node.System.ActorOf(Props.Create(() => new CountingSubscriber(counter)));
            node.Handles.Subscriptions!.Tell(new Subscribe("settings", actor));
        }

        await counter.WaitForAsync(1, subscribers, TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false);
        var samples = new List<double>();
        for (var v = 2; v <= changes + 1; v++)
        {
            var start = Stopwatch.GetTimestamp();
            await File.WriteAllTextAsync(file, $"revision: {v}\n", cancellationToken).ConfigureAwait(false);
            await counter.WaitForAsync(v, subscribers, TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        var summary = LatencySummary.Of(samples);
        var configuration = $"{subscribers} subscribers over 3 nodes, fixed:1 debounce";
        return
        [
            new BenchmarkRow(Name, configuration, "write → all applied p50", summary.P50, "ms", "≤ 250 ms"),
            new BenchmarkRow(Name, configuration, "write → all applied max", summary.Max, "ms"),
            new BenchmarkRow(Name, configuration, "n", summary.Count, "changes"),
        ];
    }

    private static ClusterTestNode Node(string[] roles, BenchStore store, string? watch, Address? join) =>
        ClusterTestNode.Start(roles, store.Persistence, watch, join, subscriptions: new SubscriptionSettings(), debounce: TimeSpan.FromMilliseconds(1), logLevel: "OFF");

    private sealed class VersionCounter
    {
        private readonly Dictionary<long, int> _counts = [];
        private readonly object _gate = new();

        public void Add(long version)
        {
            lock (_gate)
            {
                _counts[version] = _counts.GetValueOrDefault(version) + 1;
            }
        }

        public async Task WaitForAsync(long version, int count, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                lock (_gate)
                {
                    if (_counts.GetValueOrDefault(version) >= count)
                    {
                        return;
                    }
                }

                if (deadline.Elapsed > timeout)
                {
                    throw new TimeoutException($"version {version} reached {_counts.GetValueOrDefault(version)} of {count} subscribers");
                }

                await Task.Delay(1, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private sealed class CountingSubscriber : ReceiveActor
    {
        public CountingSubscriber(VersionCounter counter) => Receive<ConfigUpdate>(update => counter.Add(update.Version));
    }
}
