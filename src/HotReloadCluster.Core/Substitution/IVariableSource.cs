using System.Diagnostics.CodeAnalysis;

namespace HotReloadCluster.Core.Substitution;

/// <summary>
/// Where <c>${NAME}</c> references get their values. Sources live in the process that consumes the
/// configuration; values read from them are never persisted, logged or sent.
/// </summary>
public interface IVariableSource
{
    /// <summary>
    /// Looks up a variable. Returns <see langword="false"/> when it is not set. A variable that is set to the
    /// empty string returns <see langword="true"/> with an empty <paramref name="value"/>.
    /// </summary>
    bool TryGetValue(string name, [NotNullWhen(true)] out string? value);
}
