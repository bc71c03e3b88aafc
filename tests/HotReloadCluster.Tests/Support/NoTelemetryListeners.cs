namespace HotReloadCluster.Tests.Support;

/// <summary>
/// Specs that need no <c>HotReloadCluster</c> activity listener in the process (the benchmark harness attaches one to
/// every source of that name): they run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NoTelemetryListeners
{
    public const string Name = "no telemetry listeners";
}
