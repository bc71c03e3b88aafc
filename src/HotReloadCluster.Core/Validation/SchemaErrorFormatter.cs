using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Core.Validation;

/// <summary>Turns JsonSchema.Net error messages into readable ones that show the offending value.</summary>
internal static partial class SchemaErrorFormatter
{
    private const int MaxValueLength = 80;

    public static string Format(string keyword, string message, string evaluationPath, ConfigPath instancePath, ConfigNode? value)
    {
        var shown = Display(value);
        switch (keyword)
        {
            case "type":
                var type = TypeMessage().Match(message);
                if (type.Success)
                {
                    var expected = type.Groups["expected"].Value.Replace("\"", string.Empty, StringComparison.Ordinal);
                    return shown is null
                        ? $"value is {type.Groups["actual"].Value} but should be {expected}"
                        : $"value {shown} is {type.Groups["actual"].Value} but should be {expected}";
                }

                break;
            case "required":
                var required = RequiredMessage().Match(message);
                if (required.Success)
                {
                    var names = Names(required.Groups["names"].Value);
                    if (names.Count > 0)
                    {
                        return (names.Count == 1 ? "missing required property " : "missing required properties ")
                            + string.Join(", ", names.Select(n => "'" + n + "'"));
                    }
                }

                break;
            case "":
                return FalseSchema(evaluationPath, instancePath);
        }

        var text = LowerFirst(message);
        return shown is null || text.Contains(shown, StringComparison.Ordinal) ? text : $"{text} (value: {shown})";
    }

    private static string FalseSchema(string evaluationPath, ConfigPath instancePath)
    {
        var tokens = evaluationPath.Split('/');
        var last = tokens[^1];
        var previous = tokens.Length > 1 ? tokens[^2] : string.Empty;
        var isProperty = last is "additionalProperties" or "unevaluatedProperties" || previous == "properties";
        if (isProperty && !instancePath.IsRoot)
        {
            return $"property '{instancePath.Last}' is not allowed";
        }

        return last is "items" or "prefixItems" or "additionalItems" or "unevaluatedItems"
            ? "item is not allowed"
            : "value is not allowed by the schema";
    }

    private static List<string> Names(string jsonArrayBody)
    {
        try
        {
            using var parsed = JsonDocument.Parse("[" + jsonArrayBody + "]");
            return parsed.RootElement.EnumerateArray()
                .Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() ?? string.Empty : e.GetRawText())
                .ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string? Display(ConfigNode? node)
    {
        if (node is not ConfigScalar scalar)
        {
            return null;
        }

        var text = scalar.Kind switch
        {
            ScalarKind.Null => "null",
            ScalarKind.String => JsonSerializer.Serialize(scalar.Text),
            _ => scalar.Text,
        };
        return text.Length <= MaxValueLength ? text : string.Concat(text.AsSpan(0, MaxValueLength), "…");
    }

    private static string LowerFirst(string message) =>
        message.Length > 1 && char.IsUpper(message[0]) && !char.IsUpper(message[1])
            ? char.ToLower(message[0], CultureInfo.InvariantCulture) + message[1..]
            : message;

    [GeneratedRegex("^Value is \"(?<actual>[^\"]+)\" but should be (?<expected>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex TypeMessage();

    [GeneratedRegex(@"\[(?<names>.*)\]", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex RequiredMessage();
}
