namespace HotReloadCluster.Core.Documents;

/// <summary>The type of a <see cref="ConfigScalar"/>.</summary>
public enum ScalarKind
{
    /// <summary>An explicit null (<c>~</c>, <c>null</c>, or an empty YAML value).</summary>
    Null,

    /// <summary>A string.</summary>
    String,

    /// <summary>A boolean, canonical text <c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A whole number of any size; its text is the JSON literal as written, or canonical invariant text.</summary>
    Integer,

    /// <summary>A floating point number; its text is the JSON literal as written, or canonical round-trip invariant text.</summary>
    Float,
}
