using HotReloadCluster.Core.Debouncing;
using HotReloadCluster.Facade;
using Microsoft.Extensions.Configuration;

namespace HotReloadCluster.Configuration;

/// <summary>
/// Configuration from YAML or JSON files that hot-reloads through the actor pipeline: every version validated
/// (custom validators, JSON Schema, the application's options validation) before IConfiguration sees it, one reload
/// token fire per applied version, the last good version kept when a write is invalid. Added with
/// <c>AddHotReloadFile</c> / <c>AddHotReloadFolder</c>.
/// </summary>
public sealed class HotReloadFileSource : IConfigurationSource
{
    /// <summary>The default debounce: 5 ms fixed (the node's 20 ms suits folders written by tools; one file needs less).</summary>
    public static readonly DebounceConfig DefaultDebounce = DebounceConfig.Fixed(TimeSpan.FromMilliseconds(5));

    /// <summary>The file or folder.</summary>
    public required string Path { get; init; }

    /// <summary>Whether a missing or invalid file at start is accepted (no keys until a valid version appears).</summary>
    public bool Optional { get; init; }

    /// <summary>Whether each topic's keys sit under a section named after it (folders); else at the root.</summary>
    public bool SectionPerTopic { get; init; }

    /// <summary>Validators, schema convention, debounce, polling, variables: the facade's options.</summary>
    public Action<ConfigHotReloaderOptions>? Configure { get; init; }

    /// <inheritdoc />
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new HotReloadFileProvider(this);
}
