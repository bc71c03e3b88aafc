using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Core.Validation;

/// <summary>
/// Checks a parsed configuration document before it is applied. Implementations should report problems as
/// errors rather than throw; callers (<see cref="CompositeValidator"/>, the adapters in
/// <see cref="ConfigValidators"/>) turn exceptions into errors anyway.
/// </summary>
public interface IConfigValidator
{
    /// <summary>A short name used to tag errors and in messages.</summary>
    string Name { get; }

    /// <summary>Validates <paramref name="document"/> and reports every problem found.</summary>
    ValidationResult Validate(ConfigDocument document);
}
