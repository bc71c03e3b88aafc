namespace HotReloadCluster.Core.Documents;

/// <summary>
/// One immutable node of a configuration tree: a <see cref="ConfigMap"/>, a <see cref="ConfigSequence"/>
/// or a <see cref="ConfigScalar"/>. Equality is structural (map key order does not matter).
/// </summary>
public abstract class ConfigNode : IEquatable<ConfigNode>
{
    private protected ConfigNode()
    {
    }

    /// <summary>Number of nodes in this subtree, this node included.</summary>
    public abstract long NodeCount { get; }

    /// <inheritdoc />
    public abstract bool Equals(ConfigNode? other);

    /// <inheritdoc />
    public sealed override bool Equals(object? obj) => obj is ConfigNode other && Equals(other);

    /// <inheritdoc />
    public abstract override int GetHashCode();

    /// <summary>Structural equality.</summary>
    public static bool operator ==(ConfigNode? left, ConfigNode? right) =>
        left is null ? right is null : left.Equals(right);

    /// <summary>Structural inequality.</summary>
    public static bool operator !=(ConfigNode? left, ConfigNode? right) => !(left == right);
}
