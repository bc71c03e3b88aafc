namespace HotReloadCluster.Core.Documents;

/// <summary>Maps file names to <see cref="ConfigFormat"/>s.</summary>
public static class ConfigFormats
{
    /// <summary>The extensions the product watches, lower case with the dot.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".yaml", ".yml", ".json"];

    /// <summary>The format for a path by its extension (case-insensitive), or <see langword="null"/> when unknown.</summary>
    public static ConfigFormat? FromPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var ext = Path.GetExtension(path);
        if (ext.Equals(".yaml", StringComparison.OrdinalIgnoreCase) || ext.Equals(".yml", StringComparison.OrdinalIgnoreCase))
        {
            return ConfigFormat.Yaml;
        }

        return ext.Equals(".json", StringComparison.OrdinalIgnoreCase) ? ConfigFormat.Json : null;
    }
}
