namespace HotReloadCluster.Facade;

/// <summary>Factory functions of the seed API.</summary>
public static class HotReloader
{
    /// <summary>Creates a <see cref="ConfigHotReloader"/> for <paramref name="configPaths"/> (the seed's <c>create_hot_reloader</c>).</summary>
    public static ConfigHotReloader CreateHotReloader(IEnumerable<string> configPaths, Action<ConfigHotReloaderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configPaths);
        var options = new ConfigHotReloaderOptions();
        foreach (var path in configPaths)
        {
            options.ConfigPaths.Add(path);
        }

        configure?.Invoke(options);
        return new ConfigHotReloader(options);
    }
}
