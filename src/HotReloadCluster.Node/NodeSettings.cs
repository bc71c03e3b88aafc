using System.Collections.Immutable;
using HotReloadCluster.Core.Debouncing;

namespace HotReloadCluster.Node;

/// <summary>The node's settings after appsettings.json, HOTRELOAD_* environment variables and flags.</summary>
internal sealed record NodeSettings
{
    public ImmutableArray<string> Watch { get; init; } = ["cluster-config"];

    public string Data { get; init; } = "data";

    public bool Json { get; init; }

    public DebounceConfig? Debounce { get; init; }

    public bool Polling { get; init; }
}
