namespace HotReloadCluster.Core.Validation;

/// <summary>
/// A JSON Schema could not be loaded: the file is unreadable, the text is not JSON, or it is not a valid
/// schema (wrong keyword values, unknown <c>$schema</c> dialect, unresolvable <c>$ref</c>).
/// </summary>
public sealed class SchemaLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SchemaLoadException()
        : this("The JSON Schema could not be loaded.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SchemaLoadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying error.</summary>
    public SchemaLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a named schema source.</summary>
    /// <param name="source">The schema file path or name.</param>
    /// <param name="reason">Why loading failed.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public SchemaLoadException(string source, string reason, Exception? innerException)
        : base($"Invalid JSON Schema '{source}': {reason}", innerException)
    {
        SchemaSource = source;
    }

    /// <summary>The schema file path or name, when known.</summary>
    public string? SchemaSource { get; }
}
