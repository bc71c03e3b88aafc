namespace HotReloadCluster.Benchmarks;

/// <summary>A benchmark scenario of the harness.</summary>
public interface IScenario
{
    /// <summary>The name on the command line.</summary>
    string Name { get; }

    /// <summary>What it measures, one line.</summary>
    string Description { get; }

    /// <summary>Runs it; <paramref name="quick"/> uses tiny sizes (for the test that keeps the harness alive).</summary>
    Task<IReadOnlyList<BenchmarkRow>> RunAsync(bool quick, CancellationToken cancellationToken);
}
