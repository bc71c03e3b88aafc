using HotReloadCluster.Core.Substitution;

namespace HotReloadCluster.Configuration;

/// <summary>How a service reads cluster topics through IConfiguration (<c>AddHotReloadCluster</c>).</summary>
public sealed class HotReloadClusterSourceOptions
{
    /// <summary>
    /// Where the last applied version of each topic is kept (the template, <c>${VAR}</c> never resolved), read at start
    /// when the cluster does not answer. Default <c>data/hotreload-cache</c> under the working directory.
    /// </summary>
    public string CacheFolder { get; set; } = Path.Combine("data", "hotreload-cache");

    /// <summary>Whether each topic's keys sit under a section named after it; else (the default) at the root.</summary>
    public bool SectionPerTopic { get; set; }

    /// <summary>Where <c>${VAR}</c> values come from (default: the environment).</summary>
    public IVariableSource Variables { get; set; } = EnvironmentVariableSource.Instance;
}
