using System.Globalization;
using HotReloadCluster.Configuration;
using HotReloadCluster.Subscriptions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HotReloadCluster.Diagnostics;

/// <summary>
/// Degraded while a subscriber serves a topic from its last-known-good cache that the cluster has not confirmed yet
/// (<see cref="ConfigUpdate.Stale"/>: the process started while the config nodes were unreachable), or has no version of
/// a topic at all; Healthy when the cluster confirmed every topic.
/// </summary>
public sealed class StaleCacheHealthCheck : IHealthCheck
{
    private readonly Func<IEnumerable<(string Topic, ConfigUpdate? Update)>> _topics;

    /// <summary>Checks the topics of an application's configuration (<c>AddHotReloadCluster</c>).</summary>
    /// <param name="configs">The configurations, e.g. <c>configuration.GetHotReloadConfig()</c>.</param>
    public StaleCacheHealthCheck(IEnumerable<IHotReloadConfig> configs)
    {
        ArgumentNullException.ThrowIfNull(configs);
        var list = configs.ToList();
        _topics = () => list.SelectMany(c => c.Topics.Select(t => (t, c.Current(t))));
    }

    /// <summary>Checks what a node's subscriptions applied (<see cref="SubscriptionSettings.Store"/>).</summary>
    /// <param name="store">The store, kept across the node's incarnations.</param>
    public StaleCacheHealthCheck(SubscriptionStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _topics = () => store.Topics.Select(t => (t, store.Current(t)));
    }

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var topics = _topics().ToList();
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (topic, update) in topics)
        {
            if (update is null)
            {
                data[topic] = "no version yet";
            }
            else if (update.Stale)
            {
                data[topic] = string.Create(CultureInfo.InvariantCulture, $"v{update.Version} from the last-known-good cache, not confirmed by the cluster");
            }
        }

        if (data.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"{topics.Count} subscribed topic(s) confirmed by the cluster")));
        }

        var summary = string.Join("; ", data.Take(5).Select(p => p.Key + ": " + p.Value));
        return Task.FromResult(HealthCheckResult.Degraded(
            string.Create(CultureInfo.InvariantCulture, $"{data.Count} of {topics.Count} subscribed topic(s) not confirmed by the cluster: {summary}"),
            data: data));
    }
}
