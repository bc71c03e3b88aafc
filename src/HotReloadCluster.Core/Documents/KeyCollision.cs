namespace HotReloadCluster.Core.Documents;

/// <summary>
/// Two different paths of a document that give the same IConfiguration key: keys compare ignoring case and ':'
/// separates sections, so <c>Logging:Level</c> and <c>logging:Level</c> collide, and so do a key <c>"a:b"</c> and
/// the key <c>b</c> inside <c>a</c>. Microsoft.Extensions.Configuration.Json refuses a file where that happens
/// ("A duplicate key '…' was found"); a document must never hold such keys.
/// </summary>
/// <param name="First">The path that gives the key first, in document order.</param>
/// <param name="Second">The later path that gives the same key.</param>
/// <param name="SecondKey">The key as the second path writes it.</param>
internal sealed record KeyCollision(ConfigPath First, ConfigPath Second, string SecondKey)
{
    /// <summary>The first collision in document order, or <see langword="null"/> when every key is distinct.</summary>
    public static KeyCollision? Find(ConfigNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!ConfigurationKeys.MayCollide(root))
        {
            return null;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        KeyCollision? found = null;
        ConfigurationKeys.Walk(root, (key, _, path) =>
        {
            if (seen.Add(key))
            {
                return true;
            }

            var second = ConfigPath.From(path);
            ConfigurationKeys.Walk(root, (firstKey, _, firstPath) =>
            {
                if (!string.Equals(firstKey, key, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }

                found = new KeyCollision(ConfigPath.From(firstPath), second, key);
                return false;
            });
            return false;
        });
        return found;
    }

    /// <summary>
    /// The explanation, with <paramref name="firstLocation"/> (such as <c> (line 3, column 5)</c>) after the first
    /// path; paths are JSON Pointers, so that <c>/a:b</c> and <c>/a/b</c> stay apart.
    /// </summary>
    public string Describe(string firstLocation = "") =>
        $"duplicate configuration key '{Shorten(SecondKey)}': '{Pointer(Second)}' and '{Pointer(First)}'{firstLocation} give the same key, "
        + "since configuration keys ignore case and ':' separates sections (Microsoft.Extensions.Configuration.Json refuses such a file too)";

    private static string Pointer(ConfigPath path) => Shorten(path.ToJsonPointer());

    private static string Shorten(string text) => text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 117), "...");
}
