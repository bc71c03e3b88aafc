using System.Collections.Immutable;
using System.Text;
using Microsoft.Extensions.Configuration.Json;

namespace HotReloadCluster.Core.Tests.Documents;

/// <summary>
/// The reference for <c>ConfigDocument.Flatten()</c>: what Microsoft.Extensions.Configuration.Json (the provider behind
/// <c>AddJsonFile</c>) loads from some JSON, read from the provider's own <c>Data</c> dictionary, and a comparison that
/// reports every difference at once.
/// </summary>
internal static class JsonProviderReference
{
    /// <summary>The pairs <c>JsonConfigurationProvider.Load(Stream)</c> puts in its data; throws what it throws.</summary>
    public static IDictionary<string, string?> Load(byte[] utf8)
    {
        var provider = new ExposedJsonProvider();
        using var stream = new MemoryStream(utf8);
        provider.Load(stream);
        return provider.Pairs;
    }

    /// <inheritdoc cref="Load(byte[])"/>
    public static IDictionary<string, string?> Load(string json) => Load(Encoding.UTF8.GetBytes(json));

    /// <summary>
    /// Asserts that <paramref name="actual"/> is the provider's dictionary: no key twice (ignoring case, as IConfiguration
    /// compares keys), the same number of pairs, and every key, with the same case, holding the same value.
    /// </summary>
    public static void AssertSamePairs(IDictionary<string, string?> expected, ImmutableArray<KeyValuePair<string, string?>> actual, string context)
    {
        var problems = new List<string>();
        var ours = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in actual)
        {
            if (!ours.TryAdd(key, value))
            {
                problems.Add($"we give the key '{key}' twice");
            }
        }

        foreach (var (key, value) in expected)
        {
            var found = actual.Where(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).ToList();
            if (found.Count == 0)
            {
                problems.Add($"missing '{key}' = {Show(value)}");
            }
            else if (!string.Equals(found[0].Key, key, StringComparison.Ordinal))
            {
                problems.Add($"key case: provider '{key}', ours '{found[0].Key}'");
            }
            else if (!string.Equals(found[0].Value, value, StringComparison.Ordinal))
            {
                problems.Add($"'{key}': provider {Show(value)}, ours {Show(found[0].Value)}");
            }
        }

        foreach (var (key, value) in actual)
        {
            if (!expected.ContainsKey(key))
            {
                problems.Add($"extra '{key}' = {Show(value)}");
            }
        }

        Assert.True(
            problems.Count == 0 && expected.Count == actual.Length,
            $"{context}: {expected.Count} pairs from the provider, {actual.Length} from Flatten\n  " + string.Join("\n  ", problems));
    }

    private static string Show(string? value) => value is null ? "null" : "\"" + value + "\"";

    private sealed class ExposedJsonProvider() : JsonConfigurationProvider(new JsonConfigurationSource())
    {
        public IDictionary<string, string?> Pairs => Data;
    }
}
