using System.Text;
using System.Text.Json;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Hashing;
using HotReloadCluster.Reloading;

namespace HotReloadCluster.Subscriptions;

/// <summary>
/// The last applied version of each topic on a subscriber, on disk under a folder: one file per topic holding the
/// version, hash, format, origin and the <em>template</em> content (<c>${VAR}</c> never resolved). Written atomically
/// (a temporary file, flushed to disk, renamed over the old one) and checked on reading (the content must have the
/// recorded hash), so a crash mid-write or a damaged file never yields a wrong config: it is ignored. A process that
/// starts while the cluster is unreachable serves what this cache holds, marked stale, until the cluster answers.
/// </summary>
public sealed class LastKnownGoodCache
{
    private const string Extension = ".lkg.json";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private readonly object _gate = new();

    /// <summary>Creates a cache in <paramref name="folder"/> (created when first written).</summary>
    public LastKnownGoodCache(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Folder = Path.GetFullPath(folder);
    }

    /// <summary>The folder.</summary>
    public string Folder { get; }

    /// <summary>Writes <paramref name="entry"/> for its topic, replacing the previous one atomically.</summary>
    public void Save(CachedVersion entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            Directory.CreateDirectory(Folder);
            var path = PathOf(entry.Topic);
            var temporary = path + ".tmp";
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, entry, Json);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
    }

    /// <summary>The cached version of <paramref name="topic"/>, or null when there is none or it fails its checksum.</summary>
    public CachedVersion? Load(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var path = PathOf(topic);
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            using var stream = File.OpenRead(path);
            var entry = JsonSerializer.Deserialize<CachedVersion>(stream, Json);
            return entry is not null
                && entry.Topic == topic
                && string.Equals(ContentHash.Compute(Encoding.UTF8.GetBytes(entry.Content)), entry.Hash, StringComparison.Ordinal)
                ? entry
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            return null;
        }
    }

    private string PathOf(string topic) => Path.Combine(Folder, Uri.EscapeDataString(topic) + Extension);
}
