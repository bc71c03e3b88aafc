using HotReloadCluster.Configuration;
using HotReloadCluster.Facade;

#pragma warning disable IDE0130 // Beside AddJsonFile: found without a using directive.
namespace Microsoft.Extensions.Configuration;
#pragma warning restore IDE0130

/// <summary>Hot-reloading configuration sources, as <c>AddJsonFile</c> is one.</summary>
public static class HotReloadConfigurationExtensions
{
    /// <summary>
    /// Adds a YAML or JSON file that hot-reloads: each write is validated (custom validators, JSON Schema by
    /// convention, options registered with <c>AddHotReloadOptions</c>) before IConfiguration sees it; the reload token
    /// fires once per applied version; an invalid or half-written file changes nothing; ConfigMap symlink swaps are
    /// seen; no fixed 250 ms sleep (5 ms debounce by default).
    /// </summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="path">The file (<c>.yaml</c>, <c>.yml</c> or <c>.json</c>).</param>
    /// <param name="optional">Whether a missing or invalid file at start is accepted (else building throws).</param>
    /// <param name="configure">Validators, schema convention, debounce, polling, variables.</param>
    public static IConfigurationBuilder AddHotReloadFile(this IConfigurationBuilder builder, string path, bool optional = false, Action<ConfigHotReloaderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return builder.Add(new HotReloadFileSource { Path = ResolvePath(builder, path), Optional = optional, Configure = configure });
    }

    /// <summary>
    /// Adds every topic file of a folder (and its subfolders), each as <see cref="AddHotReloadFile"/> adds one; files
    /// created later appear. With <paramref name="sectionPerTopic"/> each file's keys sit under a section named after
    /// its topic (<c>services/payments.yaml</c> → <c>services:payments:…</c>); else they merge at the root in topic order.
    /// </summary>
    public static IConfigurationBuilder AddHotReloadFolder(this IConfigurationBuilder builder, string folder, bool sectionPerTopic = true, Action<ConfigHotReloaderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var full = ResolvePath(builder, folder);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"The configuration folder '{full}' was not found.");
        }

        return builder.Add(new HotReloadFileSource { Path = full, Optional = true, SectionPerTopic = sectionPerTopic, Configure = configure });
    }

    /// <summary>
    /// Adds cluster topics: every version applied anywhere in the cluster updates IConfiguration and IOptionsMonitor, once
    /// the service's ActorSystem subscribes (<c>services.AddAkka(…, (b, sp) =&gt; b.WithHotReloadSubscriber(sp))</c>).
    /// Until then, and whenever the cluster is unreachable at start, the last applied version of each topic comes from
    /// the cache on disk (<see cref="HotReloadClusterSourceOptions.CacheFolder"/>).
    /// </summary>
    public static IConfigurationBuilder AddHotReloadCluster(this IConfigurationBuilder builder, IEnumerable<string> topics, Action<HotReloadClusterSourceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(topics);
        var list = topics.ToList();
        if (list.Count == 0 || list.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("At least one topic, none empty.", nameof(topics));
        }

        var options = new HotReloadClusterSourceOptions();
        configure?.Invoke(options);
        return builder.Add(new HotReloadClusterSource { Topics = list, Options = options });
    }

    /// <summary>
    /// The hot-reload view of <paramref name="configuration"/> for plain code (current version per topic, updates as an
    /// observable or an async stream, typed binding): of its first hot-reload source, or null when it has none.
    /// </summary>
    public static IHotReloadConfig? GetHotReloadConfig(this IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration is IConfigurationRoot root ? root.Providers.OfType<IHotReloadProvider>().Select(p => p.Feed).FirstOrDefault() : null;
    }

    /// <summary>Relative paths are relative to the builder's base path, as with AddJsonFile.</summary>
    private static string ResolvePath(IConfigurationBuilder builder, string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(builder.GetFileProvider() is FileProviders.PhysicalFileProvider physical ? physical.Root : Directory.GetCurrentDirectory(), path));
}
