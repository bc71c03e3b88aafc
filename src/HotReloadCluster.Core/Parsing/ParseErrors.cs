using System.Globalization;

namespace HotReloadCluster.Core.Parsing;

/// <summary>Factories for the errors the readers raise, so that messages look alike.</summary>
internal static class ParseErrors
{
    public static ConfigParseError Limit(string limit, long value, string detail, string? source, int? line, int? column) =>
        new(
            ConfigErrorKind.LimitExceeded,
            string.Create(CultureInfo.InvariantCulture, $"limit {limit} ({value}) exceeded: {detail}"),
            source,
            line,
            column,
            limit);

    public static ConfigParseError DuplicateKey(string key, int? firstLine, int? firstColumn, string? source, int? line, int? column)
    {
        var first = firstLine is { } l && firstColumn is { } c
            ? string.Create(CultureInfo.InvariantCulture, $" (first defined at line {l}, column {c})")
            : string.Empty;
        return new(ConfigErrorKind.DuplicateKey, $"duplicate key '{Shorten(key)}'{first}", source, line, column);
    }

    /// <summary>
    /// Two paths that give the same IConfiguration key; the error points at the second one, the message names both
    /// and where the first one is.
    /// </summary>
    public static ConfigParseError KeyCollision(Documents.KeyCollision collision, int? firstLine, int? firstColumn, string? source, int? line, int? column)
    {
        var first = firstLine is { } l && firstColumn is { } c
            ? string.Create(CultureInfo.InvariantCulture, $" (line {l}, column {c})")
            : string.Empty;
        return new(ConfigErrorKind.KeyCollision, collision.Describe(first), source, line, column);
    }

    /// <summary>
    /// The top level of a configuration file must be a map: IConfiguration holds keys, and
    /// Microsoft.Extensions.Configuration refuses such files too.
    /// </summary>
    public static ConfigParseError RootNotAMap(Documents.ConfigNode root, string? source, int? line, int? column)
    {
        var found = root switch
        {
            Documents.ConfigSequence => "a sequence (list)",
            Documents.ConfigScalar { Kind: Documents.ScalarKind.Null } => "null",
            Documents.ConfigScalar scalar => $"a single value '{Shorten(scalar.Text)}'",
            _ => "something else",
        };
        return new(ConfigErrorKind.RootNotAMap, $"the top level must be a map of keys to values (key: value), found {found}", source, line, column);
    }

    /// <summary>Keeps messages readable when a key or value is huge.</summary>
    public static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
}
