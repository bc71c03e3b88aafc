using System.Collections.Immutable;
using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Core.Validation;

/// <summary>
/// Runs several validators and reports the errors of all of them: it does not stop at the first failing
/// validator. Each error carries the name of the validator that reported it (errors already tagged, e.g. by
/// a nested composite, keep their tag). A validator that throws becomes one error at the root and the others
/// still run.
/// </summary>
public sealed class CompositeValidator : IConfigValidator
{
    /// <summary>The default <see cref="Name"/>.</summary>
    public const string DefaultName = "composite";

    /// <summary>Creates a composite of <paramref name="validators"/>, run in the given order.</summary>
    /// <param name="validators">The validators.</param>
    /// <param name="name">The composite's own name; <see cref="DefaultName"/> by default.</param>
    public CompositeValidator(IEnumerable<IConfigValidator> validators, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(validators);
        Validators = validators.ToImmutableArray();
        foreach (var validator in Validators)
        {
            ArgumentNullException.ThrowIfNull(validator, nameof(validators));
        }

        Name = string.IsNullOrWhiteSpace(name) ? DefaultName : name;
    }

    /// <summary>A composite without validators: every document is valid.</summary>
    public static CompositeValidator Empty { get; } = new([]);

    /// <summary>The validators, in the order they run.</summary>
    public ImmutableArray<IConfigValidator> Validators { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public ValidationResult Validate(ConfigDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (Validators.IsEmpty)
        {
            return ValidationResult.Success;
        }

        var results = new List<ValidationResult>(Validators.Length);
        foreach (var validator in Validators)
        {
            results.Add(ValidatorGuard.Run(SafeName(validator), document, validator.Validate));
        }

        return ValidationResult.Combine(results);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name}[{string.Join(", ", Validators.Select(SafeName))}]";

    private static string SafeName(IConfigValidator validator) =>
        string.IsNullOrWhiteSpace(validator.Name) ? validator.GetType().Name : validator.Name;
}
