namespace HotReloadCluster.Reloading;

/// <summary>Why an attempt did not become a version.</summary>
public enum RejectionKind
{
    /// <summary>The file does not exist (deleted or never created).</summary>
    Missing,

    /// <summary>The file could not be read (I/O error, permissions).</summary>
    Unreadable,

    /// <summary>The file is larger than the size limit.</summary>
    TooLarge,

    /// <summary>The content is not a valid document (syntax, encoding, duplicate keys, limits).</summary>
    Parse,

    /// <summary>A <c>${VAR}</c> reference could not be resolved where the node validates resolved content.</summary>
    Substitution,

    /// <summary>A validator (custom or JSON Schema) rejected the document, or the schema itself is broken.</summary>
    Validation,

    /// <summary>
    /// The file was refused without being read: its real path lies outside the watched roots, it is not a regular
    /// file (a FIFO, socket, device or directory), or it is a link loop.
    /// </summary>
    Refused,
}
