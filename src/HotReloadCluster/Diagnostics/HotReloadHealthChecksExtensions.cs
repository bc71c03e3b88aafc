using Akka.Actor;
using HotReloadCluster.Configuration;
using HotReloadCluster.Diagnostics;
using HotReloadCluster.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

#pragma warning disable IDE0130 // Beside AddHealthChecks: found without a using directive.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>HotReloadCluster's health checks for an application's or a node's <see cref="IHealthChecksBuilder"/>.</summary>
public static class HotReloadHealthChecksExtensions
{
    /// <summary>
    /// Adds the health checks of a HotReloadCluster node or subscriber (names in <see cref="HotReloadHealthCheckNames"/>):
    /// always the cluster membership (<see cref="ClusterMemberHealthCheck"/>) and the subscribed topics
    /// (<see cref="StaleCacheHealthCheck"/>); with <see cref="HotReloadHealthCheckOptions.Source"/> also the watchers,
    /// the topics and the journal; with <see cref="HotReloadHealthCheckOptions.Journal"/> the journal. An application
    /// that runs <c>WithHotReloadSubscriber</c> needs no options: <c>services.AddHealthChecks().AddHotReloadChecks()</c>,
    /// then maps the endpoint it wants (<c>app.MapHealthChecks("/readyz")</c>).
    /// </summary>
    public static IHealthChecksBuilder AddHotReloadChecks(this IHealthChecksBuilder builder, Action<HotReloadHealthCheckOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new HotReloadHealthCheckOptions();
        configure?.Invoke(options);
        var tags = options.Tags.ToArray();
        var timeout = options.Timeout;

        // An application that runs WithHotReloadSubscriber is a member through an ActorSystem of its own (the current incarnation).
        Func<ActorSystem?> System(IServiceProvider services) =>
            options.ActorSystem is { } find
                ? () => find(services)
                : EmbeddedSubscriber(services.GetService<IConfiguration>()) is { } embedded ? () => embedded.Current : () => services.GetService<ActorSystem>();

        var notUp = options.MemberNotUpStatus ?? (options.Source is null && options.Journal is null ? HealthStatus.Degraded : HealthStatus.Unhealthy);
        builder.Add(new HealthCheckRegistration(HotReloadHealthCheckNames.Member, sp => new ClusterMemberHealthCheck(System(sp), notUp), HealthStatus.Unhealthy, tags));
        var journal = options.Journal
            ?? (options.Source is { } source ? source.Persistence ?? HotReloadPersistence.Sqlite(Path.Combine("data", "hotreload.db")) : null);
        if (journal is not null)
        {
            builder.Add(new HealthCheckRegistration(HotReloadHealthCheckNames.Journal, _ => new JournalHealthCheck(journal, timeout), HealthStatus.Unhealthy, tags));
        }

        if (options.Source is { } watched)
        {
            builder.Add(new HealthCheckRegistration(HotReloadHealthCheckNames.Watchers, sp => new WatcherHealthCheck(System(sp), watched, timeout), HealthStatus.Unhealthy, tags));
            builder.Add(new HealthCheckRegistration(HotReloadHealthCheckNames.Topics, sp => new TopicHealthCheck(System(sp), timeout), HealthStatus.Unhealthy, tags));
        }

        builder.Add(new HealthCheckRegistration(
            HotReloadHealthCheckNames.Subscriptions,
            sp => options.Subscriptions is { } store
                ? new StaleCacheHealthCheck(store)
                : new StaleCacheHealthCheck(Feeds(sp.GetService<IConfiguration>())),
            HealthStatus.Unhealthy,
            tags));
        return builder;
    }

    private static HotReloadCluster.Configuration.EmbeddedSubscriber? EmbeddedSubscriber(IConfiguration? configuration) =>
        configuration is IConfigurationRoot root
            ? root.Providers.OfType<HotReloadClusterProvider>().Select(p => p.Subscriber).FirstOrDefault(s => s is not null)
            : null;

    private static IEnumerable<IHotReloadConfig> Feeds(IConfiguration? configuration) =>
        configuration is IConfigurationRoot root
            ? root.Providers.OfType<HotReloadClusterProvider>().Select(p => (IHotReloadConfig)p.Feed)
            : [];
}
