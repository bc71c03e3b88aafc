using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Core.Validation;

/// <summary>
/// Adapters from plain functions to <see cref="IConfigValidator"/>. The validators they return never throw
/// from <see cref="IConfigValidator.Validate"/>: an exception of the function becomes one error at the root,
/// <c>validator '&lt;name&gt;' threw &lt;ExceptionType&gt;: &lt;message&gt;</c>. Errors without a validator
/// name are tagged with the adapter's name.
/// </summary>
public static class ConfigValidators
{
    /// <summary>The message of <see cref="FromPredicate"/> when none is given.</summary>
    public const string DefaultPredicateMessage = "custom validator rejected the configuration";

    /// <summary>The name given to adapters when none is given.</summary>
    public const string DefaultName = "custom";

    /// <summary>
    /// Adapts a plain <c>validator(config) -&gt; bool</c>: <see langword="false"/> gives one error at the root
    /// with <paramref name="message"/>.
    /// </summary>
    /// <param name="predicate">Returns whether the document is acceptable.</param>
    /// <param name="message">The error message on rejection; <see cref="DefaultPredicateMessage"/> by default.</param>
    /// <param name="name">The validator name; <see cref="DefaultName"/> by default.</param>
    public static IConfigValidator FromPredicate(Func<ConfigDocument, bool> predicate, string? message = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var validatorName = NameOrDefault(name);
        var rejection = message ?? DefaultPredicateMessage;
        return new DelegateValidator(
            validatorName,
            document => predicate(document) ? ValidationResult.Success : ValidationResult.Failure(string.Empty, rejection, validatorName));
    }

    /// <summary>Adapts a function that lists the errors it finds (none means valid).</summary>
    /// <param name="validate">Returns the errors; <see langword="null"/> or empty means valid.</param>
    /// <param name="name">The validator name; <see cref="DefaultName"/> by default.</param>
    public static IConfigValidator FromFunc(Func<ConfigDocument, IEnumerable<ValidationError>> validate, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(validate);
        var validatorName = NameOrDefault(name);
        return new DelegateValidator(
            validatorName,
            document => ValidationResult.Failure(ValidatorGuard.Materialize(validatorName, validate(document))));
    }

    /// <summary>Adapts a function that returns a <see cref="ValidationResult"/>.</summary>
    /// <param name="validate">The validation function.</param>
    /// <param name="name">The validator name; <see cref="DefaultName"/> by default.</param>
    public static IConfigValidator FromFunc(Func<ConfigDocument, ValidationResult> validate, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(validate);
        return new DelegateValidator(NameOrDefault(name), validate);
    }

    private static string NameOrDefault(string? name) => string.IsNullOrWhiteSpace(name) ? DefaultName : name;
}
