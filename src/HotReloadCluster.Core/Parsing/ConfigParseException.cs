namespace HotReloadCluster.Core.Parsing;

/// <summary>
/// Thrown by <see cref="ConfigParseResult.GetDocumentOrThrow"/> for callers that prefer exceptions.
/// <see cref="ConfigParser"/> itself never throws for bad input.
/// </summary>
public sealed class ConfigParseException : Exception
{
    /// <summary>Creates the exception for a parse error.</summary>
    public ConfigParseException(ConfigParseError error)
        : base(error?.ToString(), null)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    /// <summary>Creates the exception with a message; the error is a <see cref="ConfigErrorKind.Syntax"/> one without position.</summary>
    public ConfigParseException()
        : this(new ConfigParseError(ConfigErrorKind.Syntax, "The configuration could not be parsed.", null, null, null))
    {
    }

    /// <summary>Creates the exception with a message; the error is a <see cref="ConfigErrorKind.Syntax"/> one without position.</summary>
    public ConfigParseException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates the exception with a message and a cause; the error is a <see cref="ConfigErrorKind.Syntax"/> one without position.</summary>
    public ConfigParseException(string message, Exception? innerException)
        : base(message, innerException) =>
        Error = new ConfigParseError(ConfigErrorKind.Syntax, message ?? string.Empty, null, null, null);

    /// <summary>The structured error.</summary>
    public ConfigParseError Error { get; }
}
