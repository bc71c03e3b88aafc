namespace HotReloadCluster.Benchmarks;

/// <summary>One measured figure.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Configuration">What was measured (ours or the peer, and how configured).</param>
/// <param name="Metric">The figure's name, e.g. p50.</param>
/// <param name="Value">The value.</param>
/// <param name="Unit">ms, /s, MB, …</param>
/// <param name="Goal">The goal it is measured against, if any (e.g. "≤ 5 ms").</param>
public sealed record BenchmarkRow(string Scenario, string Configuration, string Metric, double Value, string Unit, string? Goal = null);
