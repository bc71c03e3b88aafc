using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using HotReloadCluster.Cluster;
using HotReloadCluster.Configuration;
using HotReloadCluster.Facade;
using HotReloadCluster.Hosting;
using HotReloadCluster.Reloading;
using HotReloadCluster.Serialization;
using HotReloadCluster.Subscriptions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // Beside AddOptions: found without a using directive.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Hot-reload setup for an application's services and ActorSystem.</summary>
public static class HotReloadServiceExtensions
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to <paramref name="sectionPath"/> (as <c>AddOptions&lt;T&gt;().BindConfiguration</c>)
    /// and checks every hot-reload version with the options' validators (<c>ValidateDataAnnotations</c>,
    /// <c>Validate(…)</c>, any <see cref="IValidateOptions{TOptions}"/>) before it becomes visible: a version they refuse
    /// changes nothing that IConfiguration or IOptionsMonitor shows (from the cluster it is reported as ApplyFailed, and
    /// the cluster rolls it back; from a file it is a rejected version).
    /// </summary>
    public static OptionsBuilder<T> AddHotReloadOptions<T>(this IServiceCollection services, string sectionPath)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(sectionPath);
        var builder = services.AddOptions<T>().BindConfiguration(sectionPath);
        services.AddSingleton<IHotReloadOptionsCheck>(sp => new OptionsCheck<T>(sectionPath, builder.Name, sp));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OptionsGateService>());
        return builder;
    }

    /// <summary>
    /// Runs a <see cref="ConfigHotReloader"/> on the application's host: started and stopped with it, on the
    /// application's ActorSystem when it has one (Akka.Hosting), else on the process's shared minimal one; resolvable as
    /// <see cref="ConfigHotReloader"/>. Its journal is in memory and named (the application's default journal is not
    /// touched).
    /// </summary>
    public static IServiceCollection AddHotReload(this IServiceCollection services, IEnumerable<string> configPaths, Action<ConfigHotReloaderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configPaths);
        var paths = configPaths.ToList();
        services.AddSingleton(sp =>
        {
            var options = new ConfigHotReloaderOptions();
            foreach (var path in paths)
            {
                options.ConfigPaths.Add(path);
            }

            configure?.Invoke(options);
            return new ConfigHotReloader(options, sp.GetService<ILoggerFactory>());
        });
        services.AddHostedService(sp => new ReloaderHostedService(sp.GetRequiredService<ConfigHotReloader>(), sp));
        return services;
    }

    /// <summary>
    /// Subscribes the application to the cluster's topics of <c>builder.Configuration.AddHotReloadCluster(…)</c>: a
    /// member of role <c>config-subscriber</c> on an ActorSystem of its own (remoting on
    /// <see cref="HotReloadSubscriberOptions.Cluster"/>'s host and port, the project's serializer, no journal), run as
    /// incarnations — when that member is downed after a long pause or a partition, it joins again as a new one with
    /// backoff, and the application keeps its last good values meanwhile; the application's own ActorSystem (this
    /// builder's) is left alone, so a pause in the config system never ends the application. On this builder's
    /// ActorSystem it registers a <see cref="SubscriptionManagerActor"/> (a forwarder) for actors that want the topics'
    /// versions. The last-known-good cache, and a start that waits up to
    /// <see cref="HotReloadSubscriberOptions.StartupTimeout"/> for the cluster. Each version is validated
    /// (<see cref="HotReloadSubscriberOptions.Validator"/>, options registered with <see cref="AddHotReloadOptions{T}"/>)
    /// before IConfiguration shows it.
    /// </summary>
    public static AkkaConfigurationBuilder WithHotReloadSubscriber(this AkkaConfigurationBuilder builder, IServiceProvider services, Action<HotReloadSubscriberOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(services);
        var options = new HotReloadSubscriberOptions();
        configure?.Invoke(options);
        var providers = services.GetRequiredService<IConfiguration>() is IConfigurationRoot root
            ? root.Providers.OfType<HotReloadClusterProvider>().ToList()
            : [];
        if (providers.Count == 0)
        {
            throw new InvalidOperationException("WithHotReloadSubscriber needs topics: call builder.Configuration.AddHotReloadCluster([...topics...]) first.");
        }

        if (options.Cluster.SeedAddresses().IsEmpty)
        {
            throw new InvalidOperationException("WithHotReloadSubscriber needs the config nodes' addresses: set options.Cluster.Seeds (e.g. [\"127.0.0.1:4053\"]).");
        }

        var cluster = options.Cluster with { Roles = [HotReloadRoles.Subscriber] };
        var feeds = providers.Select(p => p.Feed).ToList();
        var first = providers[0];
        var subscriptions = new SubscriptionSettings
        {
            Cache = first.Cache,
            Validator = options.Validator,
            Variables = first.Options.Variables,
        };
        if (options.RejoinBackoff <= TimeSpan.Zero || options.RejoinBackoff > TimeSpan.FromSeconds(30))
        {
            throw new ArgumentOutOfRangeException(nameof(configure), options.RejoinBackoff, "HotReloadSubscriberOptions.RejoinBackoff must be above 0 and at most 30 s.");
        }

        var subscriber = new EmbeddedSubscriber(cluster, subscriptions, feeds, services.GetService<ILoggerFactory>(), options.RejoinBackoff);

        // The project's messages reach the application's actors (ConfigUpdate, from the forwarder): should the application
        // serialize local messages (serialize-messages = on) or send them on over its own remoting, they need their serializer.
        builder.AddHocon(SerializationHocon.Config, HoconAddMode.Append);
        foreach (var provider in providers)
        {
            provider.Subscriber = subscriber;
        }

        builder.WithActors((system, registry) =>
        {
            OptionsGate.Install(services);
            var forwarder = system.ActorOf(SubscriptionForwarderActor.Props(), "hotreload-subscriptions");
            registry.Register<SubscriptionManagerActor>(forwarder);
            subscriber.Start(forwarder);

            // The application's ActorSystem stops when the application does: so does the config cluster's member.
            // The phase's own deadline (Akka's default 5 s) bounds this task: stop within it.
            var shutdown = CoordinatedShutdown.Get(system);
            var budget = shutdown.Timeout(CoordinatedShutdown.PhaseBeforeActorSystemTerminate) - TimeSpan.FromMilliseconds(500);
            shutdown.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "hotreload-subscriber", async () =>
            {
                await subscriber.StopAsync(budget > TimeSpan.Zero ? budget : TimeSpan.FromSeconds(1)).ConfigureAwait(false);
                return Akka.Done.Instance;
            });
        });
        builder.AddStartup(async (system, _) =>
        {
            var log = Akka.Event.Logging.GetLogger(system, "HotReloadCluster.Subscriber");
            var deadline = DateTime.UtcNow + options.StartupTimeout;
            while (DateTime.UtcNow < deadline && !feeds.All(f => f.AllConfirmed))
            {
                await Task.Delay(20).ConfigureAwait(false);
            }

            var waiting = feeds.SelectMany(f => f.Topics.Where(t => f.Current(t) is null or { Stale: true })).Distinct(StringComparer.Ordinal).ToList();
            if (waiting.Count == 0)
            {
                return;
            }

            var message = $"the cluster did not confirm topic(s) {string.Join(", ", waiting)} within {options.StartupTimeout.TotalSeconds:0.#} s";
            if (options.RequireClusterAtStartup)
            {
                throw new TimeoutException(message + " (RequireClusterAtStartup)");
            }

            log.Warning("{0}: serving the last-known-good cache (stale) where there is one, and following the cluster as soon as it answers", message);
        });
        return builder;
    }

    private sealed class ReloaderHostedService(ConfigHotReloader reloader, IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            // The application's ActorSystem, resolved now: Akka.Hosting's hosted service (added before this one) has started it.
            reloader.Options.ActorSystem ??= services.GetService<AkkaHostedService>() is not null ? services.GetService<ActorSystem>() : null;
            return reloader.StartAsync(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => reloader.StopAsync(cancellationToken);
    }
}
