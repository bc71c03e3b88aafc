using System.Collections.Immutable;
using Akka.Hosting;
using HotReloadCluster.Cluster;
using HotReloadCluster.Core.Substitution;
using HotReloadCluster.Subscriptions;
using HotReloadCluster.Reloading;
using HotReloadCluster.Serialization;
using HotReloadCluster.Watching;

namespace HotReloadCluster.Hosting;

/// <summary>Akka.Hosting setup for a HotReloadCluster node.</summary>
public static class HotReloadHostingExtensions
{
    /// <summary>
    /// Binds the project's serializer, configures the journal (SQLite by default), starts the topic host
    /// (registered as <see cref="TopicHostActor"/>), one <see cref="WatchRootActor"/> per watched folder, and the
    /// tracker behind <see cref="Diagnostics.TopicHealthCheck"/>.
    /// </summary>
    public static AkkaConfigurationBuilder WithHotReload(this AkkaConfigurationBuilder builder, HotReloadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new HotReloadOptions();
        var (reload, roots) = Prepare(options);

        AddSerializationAndPersistence(builder, options);
        builder.WithActors((system, registry) =>
        {
            registry.Register<Diagnostics.TopicHealthTrackerActor>(Diagnostics.TopicHealthTrackerActor.Start(system));
            var host = system.ActorOf(TopicHostActor.Props(reload), "topics");
            registry.Register<TopicHostActor>(host);
            for (var i = 0; i < roots.Length; i++)
            {
                system.ActorOf(WatchRootActor.Props(roots[i], host), "watch-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        });
        return builder;
    }

    /// <summary>
    /// Makes this ActorSystem a cluster node: remoting, membership with the split brain resolver (keep-majority),
    /// the project's serializer, the journal, and by role the ReloadActor shards with the watchers
    /// (<c>config-source</c>), the registry shards (<c>config-registry</c>) and the subscription manager
    /// (<c>config-subscriber</c>). Registers the regions as <see cref="ReloadActor"/> and
    /// <see cref="Registry.ConfigRegistryActor"/>, and the manager as <see cref="SubscriptionManagerActor"/>. With
    /// <paramref name="adminTokens"/>, registry nodes also run the admin endpoint for <c>hrc</c>. With
    /// <see cref="ClusterNodeOptions.Tls"/>, remoting uses mutual TLS (<see cref="TlsHostingExtensions.WithHotReloadTls"/>).
    /// </summary>
    public static AkkaConfigurationBuilder WithHotReloadCluster(
        this AkkaConfigurationBuilder builder,
        HotReloadOptions? options = null,
        ClusterNodeOptions? cluster = null,
        SubscriptionSettings? subscriptions = null,
        Admin.AdminTokens? adminTokens = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new HotReloadOptions();
        cluster ??= new ClusterNodeOptions();
        if (cluster.LeaseConnectionString is null && options.Persistence is { Kind: PersistenceKind.PostgreSql, ConnectionString: { } journal })
        {
            // Several config nodes share this database: it also settles splits (lease-majority).
            cluster = cluster with { LeaseConnectionString = journal };
        }

        var (reload, roots) = Prepare(options);

        builder.AddHocon(ClusterHocon.For(cluster), HoconAddMode.Prepend);
        if (cluster.Tls is { } tls)
        {
            builder.WithHotReloadTls(tls);
        }

        AddSerializationAndPersistence(builder, options);
        builder.WithActors((system, registry) =>
        {
            if (cluster.SeedAddresses().IsEmpty)
            {
                // Port 0 without seeds: a cluster of one that others may join by its actual address.
                var self = Akka.Cluster.Cluster.Get(system);
                self.Join(self.SelfAddress);
            }

            if (cluster.Roles.Contains(HotReloadRoles.Source))
            {
                // Before any ReloadActor exists, so that the topics' health misses no event.
                registry.Register<Diagnostics.TopicHealthTrackerActor>(Diagnostics.TopicHealthTrackerActor.Start(system));
            }

            var handles = HotReloadClusterNode.Start(system, cluster.Roles, reload, roots, subscriptions, adminTokens);
            if (cluster.LeaseConnectionString is { } lease && HotReloadRoles.WithDerived(cluster.Roles).Contains(HotReloadRoles.ConfigNode))
            {
                // The cluster can always be formed again, by one config node at a time (see ClusterFormationActor).
                system.ActorOf(ClusterFormationActor.Props(lease), "cluster-formation");
            }
            registry.Register<ReloadActor>(handles.ReloadRegion);
            registry.Register<Registry.ConfigRegistryActor>(handles.RegistryRegion);
            if (handles.Subscriptions is { } manager)
            {
                registry.Register<SubscriptionManagerActor>(manager);
            }
        });
        return builder;
    }

    /// <summary>The validated reload settings and watch roots of <paramref name="options"/>.</summary>
    internal static (ReloadSettings Reload, ImmutableArray<WatchRootSettings> Roots) Prepare(HotReloadOptions options)
    {
        var time = options.TimeProvider ?? TimeProvider.System;
        var reload = (options.Reload ?? new ReloadSettings { Variables = EnvironmentVariableSource.Instance }) with { TimeProvider = time };
        reload.Validate();
        var debounce = options.Debounce ?? HotReloadOptions.DefaultDebounce;
        debounce.Validate();
        var roots = PlanRoots(options.WatchPaths, debounce, options, time);

        // Topic files are read only inside the watched roots (unless the caller chose the roots itself).
        if (reload.WatchRoots.IsDefaultOrEmpty)
        {
            reload = reload with { WatchRoots = [.. roots.Select(r => r.Root)] };
        }

        if (reload.TopicRoots.IsDefaultOrEmpty)
        {
            reload = reload with { TopicRoots = [.. roots.Select(r => new Topics.TopicRoot(r.Root, r.OnlyFiles))] };
        }

        return (reload, roots);
    }

    private static void AddSerializationAndPersistence(AkkaConfigurationBuilder builder, HotReloadOptions options)
    {
        builder.AddHocon(SerializationHocon.Config, HoconAddMode.Prepend);
        builder.AddHocon(RuntimeHocon.Config, HoconAddMode.Append);
        builder.WithPersistence(options.Persistence ?? HotReloadPersistence.Sqlite(Path.Combine("data", "hotreload.db")));
    }

    /// <summary>Configures the journal and snapshot store.</summary>
    public static AkkaConfigurationBuilder WithPersistence(this AkkaConfigurationBuilder builder, HotReloadPersistence persistence)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddHocon(PersistenceHocon.For(persistence), HoconAddMode.Prepend);
    }

    /// <summary>One root per folder: folders as given, single files grouped by their folder.</summary>
    internal static ImmutableArray<WatchRootSettings> PlanRoots(IEnumerable<string> paths, Core.Debouncing.DebounceConfig debounce, HotReloadOptions options, TimeProvider time)
    {
        var folders = new SortedSet<string>(StringComparer.Ordinal);
        var filesByFolder = new SortedDictionary<string, ImmutableHashSet<string>>(StringComparer.Ordinal);
        foreach (var raw in paths)
        {
            var full = Path.GetFullPath(raw);
            if (Directory.Exists(full) || (!File.Exists(full) && Core.Documents.ConfigFormats.FromPath(full) is null))
            {
                folders.Add(Path.TrimEndingDirectorySeparator(full));
            }
            else
            {
                var folder = Path.GetDirectoryName(full)!;
                filesByFolder[folder] = (filesByFolder.TryGetValue(folder, out var set) ? set : []).Add(full);
            }
        }

        var roots = ImmutableArray.CreateBuilder<WatchRootSettings>();
        foreach (var folder in folders)
        {
            roots.Add(Root(folder, []));
        }

        foreach (var (folder, files) in filesByFolder)
        {
            if (!folders.Contains(folder))
            {
                roots.Add(Root(folder, files));
            }
        }

        return roots.ToImmutable();

        WatchRootSettings Root(string folder, ImmutableHashSet<string> only) => new(folder)
        {
            OnlyFiles = only,
            Debounce = debounce,
            Polling = options.Polling,
            PollInterval = options.PollInterval ?? TimeSpan.FromSeconds(1),
            TimeProvider = time,
        };
    }
}
