using System.Diagnostics.CodeAnalysis;

namespace HotReloadCluster.Core.Substitution;

/// <summary>
/// Variables from a dictionary (tests, or values collected elsewhere). Name comparison is the dictionary's own.
/// </summary>
public sealed class DictionaryVariableSource : IVariableSource
{
    private readonly IReadOnlyDictionary<string, string> _values;

    /// <summary>Creates a source over <paramref name="values"/>; the dictionary is used as is, not copied.</summary>
    public DictionaryVariableSource(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values;
    }

    /// <inheritdoc />
    public bool TryGetValue(string name, [NotNullWhen(true)] out string? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _values.TryGetValue(name, out value);
    }
}
