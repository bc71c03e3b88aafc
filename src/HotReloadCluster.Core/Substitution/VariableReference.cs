using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Core.Substitution;

/// <summary>
/// One well-formed <c>${Name}</c> or <c>${Name:-DefaultValue}</c> reference found in a template.
/// </summary>
/// <param name="Name">The variable name.</param>
/// <param name="DefaultValue">The default after <c>:-</c> (possibly empty), or <see langword="null"/> when there is none.</param>
/// <param name="Path">The path of the string scalar that contains the reference.</param>
public sealed record VariableReference(string Name, string? DefaultValue, ConfigPath Path);
