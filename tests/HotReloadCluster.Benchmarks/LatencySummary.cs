using System.Globalization;

namespace HotReloadCluster.Benchmarks;

/// <summary>Percentiles (nearest rank) of a set of latency samples, in milliseconds.</summary>
public sealed record LatencySummary(int Count, double P50, double P99, double Max, double Mean)
{
    public static LatencySummary Of(IReadOnlyCollection<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            throw new ArgumentException("No samples.", nameof(samples));
        }

        var sorted = samples.Order().ToArray();
        double Rank(double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return new LatencySummary(sorted.Length, Rank(0.50), Rank(0.99), sorted[^1], sorted.Average());
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"n={Count} p50={P50:0.00} ms p99={P99:0.00} ms max={Max:0.00} ms");
}
