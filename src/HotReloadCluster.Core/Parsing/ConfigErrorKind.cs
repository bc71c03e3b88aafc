namespace HotReloadCluster.Core.Parsing;

/// <summary>Why a configuration file could not be turned into a <see cref="Documents.ConfigDocument"/>.</summary>
public enum ConfigErrorKind
{
    /// <summary>The file could not be read (permissions, a directory, a device error, ...).</summary>
    Io,

    /// <summary>The file or its directory does not exist.</summary>
    NotFound,

    /// <summary>The content is empty, only whitespace, or (YAML) only comments.</summary>
    Empty,

    /// <summary>The content is not valid UTF-8.</summary>
    InvalidUtf8,

    /// <summary>The content looks binary (NUL or other control characters) or is UTF-16/UTF-32 encoded.</summary>
    BinaryContent,

    /// <summary>The text is not valid YAML or JSON, or uses a construct the product does not accept.</summary>
    Syntax,

    /// <summary>A map contains the same key twice.</summary>
    DuplicateKey,

    /// <summary>A YAML stream contains more than one document.</summary>
    MultipleDocuments,

    /// <summary>A <see cref="ParseLimits"/> bound was exceeded; <see cref="ConfigParseError.Limit"/> names it.</summary>
    LimitExceeded,

    /// <summary>The file extension is not one of <see cref="Documents.ConfigFormats.Extensions"/>.</summary>
    UnsupportedFormat,

    /// <summary>The top level is a sequence or a single value; a configuration file must hold a map.</summary>
    RootNotAMap,

    /// <summary>
    /// Two different paths give the same IConfiguration key: keys ignore case (<c>Logging</c> and <c>logging</c>) and
    /// ':' separates sections (a key <c>"a:b"</c> is the key <c>b</c> inside <c>a</c>). The message names both paths;
    /// Microsoft.Extensions.Configuration.Json refuses such files too.
    /// </summary>
    KeyCollision,
}
