using System.Diagnostics.CodeAnalysis;
using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Core.Parsing;

/// <summary>The outcome of <see cref="ConfigParser"/>: either a document or an error, never both.</summary>
public sealed class ConfigParseResult
{
    private ConfigParseResult(ConfigDocument? document, ConfigParseError? error)
    {
        Document = document;
        Error = error;
    }

    /// <summary>Whether parsing succeeded; then <see cref="Document"/> is set and <see cref="Error"/> is not.</summary>
    [MemberNotNullWhen(true, nameof(Document))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Document is not null;

    /// <summary>The parsed document, or <see langword="null"/> on failure.</summary>
    public ConfigDocument? Document { get; }

    /// <summary>The error, or <see langword="null"/> on success.</summary>
    public ConfigParseError? Error { get; }

    /// <summary>A successful result.</summary>
    public static ConfigParseResult Success(ConfigDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new ConfigParseResult(document, null);
    }

    /// <summary>A failed result.</summary>
    public static ConfigParseResult Failure(ConfigParseError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new ConfigParseResult(null, error);
    }

    /// <summary>The document; throws <see cref="ConfigParseException"/> carrying <see cref="Error"/> on failure.</summary>
    public ConfigDocument GetDocumentOrThrow() => IsSuccess ? Document : throw new ConfigParseException(Error);

    /// <inheritdoc />
    public override string ToString() => IsSuccess ? "Success: " + Document : "Failure: " + Error;
}
