using System.Collections.Immutable;

namespace HotReloadCluster.Core.Validation;

/// <summary>
/// The outcome of validating a configuration document: valid when there are no errors.
/// </summary>
public sealed class ValidationResult
{
    private ValidationResult(ImmutableArray<ValidationError> errors)
    {
        Errors = errors;
    }

    /// <summary>The result without errors.</summary>
    public static ValidationResult Success { get; } = new([]);

    /// <summary>Every error found, in the order the validators reported them.</summary>
    public ImmutableArray<ValidationError> Errors { get; }

    /// <summary>Whether no error was found.</summary>
    public bool IsValid => Errors.IsEmpty;

    /// <summary>A result with the given errors; <see cref="Success"/> when the sequence is empty.</summary>
    public static ValidationResult Failure(IEnumerable<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var array = errors.ToImmutableArray();
        foreach (var error in array)
        {
            ArgumentNullException.ThrowIfNull(error, nameof(errors));
        }

        return array.IsEmpty ? Success : new ValidationResult(array);
    }

    /// <summary>A result with one error.</summary>
    /// <param name="path">The IConfiguration-style path ("" for the whole document).</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="validator">The name of the validator reporting the error.</param>
    public static ValidationResult Failure(string path, string message, string? validator = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(message);
        return new ValidationResult([new ValidationError(path, message, validator)]);
    }

    /// <summary>All errors of all <paramref name="results"/>, in order.</summary>
    public static ValidationResult Combine(params ValidationResult[] results) =>
        Combine((IEnumerable<ValidationResult>)results);

    /// <summary>All errors of all <paramref name="results"/>, in order.</summary>
    public static ValidationResult Combine(IEnumerable<ValidationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var builder = ImmutableArray.CreateBuilder<ValidationError>();
        foreach (var result in results)
        {
            ArgumentNullException.ThrowIfNull(result, nameof(results));
            builder.AddRange(result.Errors);
        }

        return builder.Count == 0 ? Success : new ValidationResult(builder.ToImmutable());
    }

    /// <summary>"valid", or one error per line.</summary>
    public override string ToString() => IsValid ? "valid" : string.Join(Environment.NewLine, Errors);
}
