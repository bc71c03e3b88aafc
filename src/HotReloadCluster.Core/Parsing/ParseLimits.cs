namespace HotReloadCluster.Core.Parsing;

/// <summary>
/// Upper bounds that <see cref="ConfigParser"/> enforces so that a hostile or broken file cannot exhaust memory,
/// stack or CPU. Every bound is inclusive: a value equal to the limit is accepted. A breach produces a
/// <see cref="ConfigErrorKind.LimitExceeded"/> error whose <see cref="ConfigParseError.Limit"/> names the property.
/// </summary>
public sealed record ParseLimits
{
    /// <summary>The defaults: 10 MiB, depth 64, one million nodes, 1 Mi characters per scalar, 1024 per key.</summary>
    public static ParseLimits Default { get; } = new();

    /// <summary>Largest accepted content in bytes (UTF-8, byte order mark included). Default 10 MiB.</summary>
    public long MaxFileBytes { get; init; } = 10L * 1024 * 1024;

    /// <summary>
    /// Deepest accepted nesting of maps and sequences; a root map has depth 1. Aliased subtrees count at the depth
    /// where they are used. Default 64.
    /// </summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>
    /// Most nodes (maps, sequences and scalars; keys are not nodes) in the document, counted after YAML alias
    /// expansion: every alias use counts the full size of the subtree it refers to, which stops "billion laughs"
    /// documents long before they are materialised. Default 1,000,000.
    /// </summary>
    public long MaxNodes { get; init; } = 1_000_000;

    /// <summary>Longest accepted scalar value, in UTF-16 characters. Default 1 Mi (1,048,576).</summary>
    public int MaxScalarLength { get; init; } = 1024 * 1024;

    /// <summary>Longest accepted map key, in UTF-16 characters. Default 1024.</summary>
    public int MaxKeyLength { get; init; } = 1024;
}
