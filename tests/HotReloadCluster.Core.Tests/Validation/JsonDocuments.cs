using System.Text.Json;
using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Core.Tests.Validation;

/// <summary>Builds config documents from compact JSON text with the document model API (no parser needed).</summary>
internal static class JsonDocuments
{
    public static ConfigDocument Parse(string json)
    {
        using var parsed = JsonDocument.Parse(json);
        return new ConfigDocument(ToNode(parsed.RootElement), "test.json");
    }

    private static ConfigNode ToNode(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => ConfigMap.Create(element.EnumerateObject().Select(p => new KeyValuePair<string, ConfigNode>(p.Name, ToNode(p.Value)))),
        JsonValueKind.Array => ConfigSequence.Create(element.EnumerateArray().Select(ToNode)),
        JsonValueKind.String => ConfigScalar.FromString(element.GetString()!),
        JsonValueKind.Number when element.TryGetInt64(out var integer) => ConfigScalar.FromInteger(integer),
        JsonValueKind.Number => ConfigScalar.FromFloat(element.GetDouble()),
        JsonValueKind.True => ConfigScalar.True,
        JsonValueKind.False => ConfigScalar.False,
        _ => ConfigScalar.Null,
    };
}
