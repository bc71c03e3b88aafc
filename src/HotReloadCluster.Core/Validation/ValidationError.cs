using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Core.Validation;

/// <summary>
/// One reason why a configuration document was rejected.
/// </summary>
/// <param name="Path">
/// The IConfiguration-style text of the <see cref="ConfigPath"/> the error is about (<c>database:hosts:0</c>);
/// the empty string for the whole document.
/// </param>
/// <param name="Message">A readable description of the problem.</param>
/// <param name="Validator">The name of the validator that reported the error, when known.</param>
public sealed record ValidationError(string Path, string Message, string? Validator = null)
{
    /// <summary>Creates an error at a <see cref="ConfigPath"/>.</summary>
    public static ValidationError At(ConfigPath path, string message, string? validator = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new ValidationError(path.ToString(), message, validator);
    }

    /// <summary>Whether the error is about the whole document rather than one node.</summary>
    public bool IsRoot => Path.Length == 0;

    /// <summary><c>path: message</c>, or <c>(root): message</c> for the whole document.</summary>
    public override string ToString() => (IsRoot ? "(root)" : Path) + ": " + Message;
}
