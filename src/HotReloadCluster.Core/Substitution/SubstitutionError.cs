using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Core.Substitution;

/// <summary>
/// Why one reference could not be resolved: the variable is missing and has no default, or the reference
/// is malformed (not closed, empty name, invalid name). The message names the variable and the path; it
/// never contains a variable's value.
/// </summary>
/// <param name="Path">The path of the string scalar that holds the reference.</param>
/// <param name="VariableName">The variable name as written (empty for <c>${}</c>; for an unclosed reference, the text after <c>${</c>).</param>
/// <param name="Message">A human-readable message, e.g. <c>variable 'DB_HOST' is not set and has no default (at database:host)</c>.</param>
public sealed record SubstitutionError(ConfigPath Path, string VariableName, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Message;
}
