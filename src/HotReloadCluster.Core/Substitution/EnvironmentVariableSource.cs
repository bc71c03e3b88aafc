using System.Diagnostics.CodeAnalysis;

namespace HotReloadCluster.Core.Substitution;

/// <summary>
/// Reads variables from the environment of the current process (<see cref="Environment.GetEnvironmentVariable(string)"/>),
/// at the moment of each lookup. Names are case-sensitive on Linux and macOS, case-insensitive on Windows.
/// </summary>
public sealed class EnvironmentVariableSource : IVariableSource
{
    private EnvironmentVariableSource()
    {
    }

    /// <summary>The single instance.</summary>
    public static EnvironmentVariableSource Instance { get; } = new();

    /// <inheritdoc />
    public bool TryGetValue(string name, [NotNullWhen(true)] out string? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        value = Environment.GetEnvironmentVariable(name);
        return value is not null;
    }
}
