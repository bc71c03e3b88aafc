using System.Collections.Immutable;
using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Core.Validation;

/// <summary>Runs a validator so that an exception becomes an error and errors carry a validator name.</summary>
internal static class ValidatorGuard
{
    public static ValidationResult Run(string name, ConfigDocument document, Func<ConfigDocument, ValidationResult> validate)
    {
        ValidationResult? result;
        try
        {
            result = validate(document);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return ValidationResult.Failure(string.Empty, ThrewMessage(name, ex), name);
        }

        if (result is null)
        {
            return ValidationResult.Failure(string.Empty, $"validator '{name}' returned no result", name);
        }

        return Tag(result, name);
    }

    public static string ThrewMessage(string name, Exception ex) =>
        $"validator '{name}' threw {ex.GetType().Name}: {ex.Message}";

    /// <summary>Sets <see cref="ValidationError.Validator"/> on the errors that have none.</summary>
    public static ValidationResult Tag(ValidationResult result, string name)
    {
        if (result.IsValid || result.Errors.All(e => e.Validator is not null))
        {
            return result;
        }

        return ValidationResult.Failure(result.Errors.Select(e => e.Validator is null ? e with { Validator = name } : e));
    }

    public static ImmutableArray<ValidationError> Materialize(string name, IEnumerable<ValidationError>? errors)
    {
        if (errors is null)
        {
            return [];
        }

        var builder = ImmutableArray.CreateBuilder<ValidationError>();
        foreach (var error in errors)
        {
            builder.Add(error ?? new ValidationError(string.Empty, $"validator '{name}' returned a null error", name));
        }

        return builder.ToImmutable();
    }
}
