using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;

namespace HotReloadCluster.Core.Documents;

/// <summary>
/// An immutable configuration document: a tree of <see cref="ConfigNode"/>s plus the name of the source it
/// came from. Two documents are equal when their trees are equal; the source name is not compared.
/// </summary>
public sealed class ConfigDocument : IEquatable<ConfigDocument>
{
    /// <summary>Creates a document.</summary>
    public ConfigDocument(ConfigNode root, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        Root = root;
        SourceName = sourceName;
    }

    /// <summary>An empty map document.</summary>
    public static ConfigDocument Empty { get; } = new(ConfigMap.Empty);

    /// <summary>The root node.</summary>
    public ConfigNode Root { get; }

    /// <summary>Where the document came from (usually a file path), for messages only.</summary>
    public string? SourceName { get; }

    /// <summary>Total number of nodes.</summary>
    public long NodeCount => Root.NodeCount;

    /// <summary>The node at <paramref name="path"/>, or <see langword="null"/>.</summary>
    public ConfigNode? Find(ConfigPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var node = Root;
        foreach (var segment in path.Segments)
        {
            switch (node)
            {
                case ConfigMap map when !segment.IsIndex && map.TryGetValue(segment.Key!, out var child):
                    node = child;
                    break;
                case ConfigSequence seq when segment.IsIndex && segment.Index < seq.Count:
                    node = seq[segment.Index];
                    break;
                default:
                    return null;
            }
        }

        return node;
    }

    /// <summary>
    /// The node at an IConfiguration-style key such as <c>database:hosts:0</c> (numeric segments index
    /// sequences), or <see langword="null"/>.
    /// </summary>
    public ConfigNode? Find(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var node = Root;
        if (key.Length == 0)
        {
            return node;
        }

        foreach (var part in key.Split(':'))
        {
            switch (node)
            {
                case ConfigMap map when map.TryGetValue(part, out var child):
                    node = child;
                    break;
                case ConfigSequence seq when int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < seq.Count:
                    node = seq[i];
                    break;
                default:
                    return null;
            }
        }

        return node;
    }

    /// <summary>A copy with another source name.</summary>
    public ConfigDocument WithSourceName(string? sourceName) => new(Root, sourceName);

    /// <summary>
    /// The document as a <see cref="JsonNode"/> (for JSON Schema validation). Null scalars become JSON null;
    /// integers of any size keep every digit; NaN and infinities (only from an explicit <c>.nan</c> / <c>.inf</c>),
    /// which JSON cannot express, become strings.
    /// </summary>
    public JsonNode? ToJsonNode() => ToJsonNode(Root);

    /// <summary>Converts one node to a <see cref="JsonNode"/>.</summary>
    public static JsonNode? ToJsonNode(ConfigNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        switch (node)
        {
            case ConfigMap map:
                var obj = new JsonObject();
                foreach (var (key, value) in map.Entries)
                {
                    obj[key] = ToJsonNode(value);
                }

                return obj;
            case ConfigSequence seq:
                var array = new JsonArray();
                foreach (var item in seq.Items)
                {
                    array.Add(ToJsonNode(item));
                }

                return array;
            case ConfigScalar scalar:
                return scalar.Kind switch
                {
                    ScalarKind.Null => null,
                    ScalarKind.Boolean => JsonValue.Create(scalar.AsBoolean()),
                    ScalarKind.Integer => scalar.TryGetInt64(out var integer)
                        ? JsonValue.Create(integer)
                        : JsonNode.Parse(scalar.Text), // a JSON number with every digit, never a rounded double
                    ScalarKind.Float => double.IsFinite(scalar.AsFloat())
                        ? JsonValue.Create(scalar.AsFloat())
                        : JsonValue.Create(scalar.Text),
                    _ => JsonValue.Create(scalar.Text),
                };
            default:
                throw new ArgumentException($"Unknown node type {node.GetType().Name}.", nameof(node));
        }
    }

    /// <summary>
    /// The document as IConfiguration key/value pairs, in document order: exactly the pairs that
    /// Microsoft.Extensions.Configuration.Json (<c>AddJsonFile</c>) loads from the same document written as JSON.
    /// Keys join map keys and sequence indexes with ':' (<c>section:key</c>, <c>servers:0:port</c>) and keep the case
    /// they are written in. Values: a string as it is; a number as written in the file (<c>1.50</c>, <c>1e3</c>; see
    /// <see cref="ConfigScalar.Text"/>); a boolean as <c>True</c> or <c>False</c>; null as <see langword="null"/>; an
    /// empty map as <see langword="null"/> and an empty sequence as <c>""</c>, so that the section exists. The root map
    /// sets no key of its own.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// Two different paths give the same key (keys ignore case, and a key <c>"a:b"</c> is the key <c>b</c> inside
    /// <c>a</c>). <see cref="Parsing.ConfigParser"/> refuses such files, so this happens only to documents built in code.
    /// </exception>
    public ImmutableArray<KeyValuePair<string, string?>> Flatten()
    {
        if (KeyCollision.Find(Root) is { } collision)
        {
            throw new InvalidOperationException("The document cannot be flattened: " + collision.Describe() + ".");
        }

        var builder = ImmutableArray.CreateBuilder<KeyValuePair<string, string?>>();
        ConfigurationKeys.Walk(Root, (key, leaf, _) =>
        {
            builder.Add(new(key, ConfigurationKeys.ValueOf(leaf)));
            return true;
        });
        return builder.ToImmutable();
    }

    /// <inheritdoc />
    public bool Equals(ConfigDocument? other) => other is not null && Root.Equals(other.Root);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ConfigDocument other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Root.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => Root.ToString() ?? string.Empty;

    /// <summary>Structural equality of the trees.</summary>
    public static bool operator ==(ConfigDocument? left, ConfigDocument? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Structural inequality of the trees.</summary>
    public static bool operator !=(ConfigDocument? left, ConfigDocument? right) => !(left == right);
}
