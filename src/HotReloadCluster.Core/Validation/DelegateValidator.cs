using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Core.Validation;

/// <summary>An <see cref="IConfigValidator"/> over a delegate, guarded against exceptions.</summary>
internal sealed class DelegateValidator : IConfigValidator
{
    private readonly Func<ConfigDocument, ValidationResult> _validate;

    public DelegateValidator(string name, Func<ConfigDocument, ValidationResult> validate)
    {
        Name = name;
        _validate = validate;
    }

    public string Name { get; }

    public ValidationResult Validate(ConfigDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return ValidatorGuard.Run(Name, document, _validate);
    }

    public override string ToString() => Name;
}
