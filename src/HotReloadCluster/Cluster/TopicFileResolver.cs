using System.Collections.Immutable;
using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Cluster;

/// <summary>
/// Finds a topic's file under the watched roots (<c>&lt;root&gt;/&lt;topic&gt;.yaml</c>, <c>.yml</c>, <c>.json</c>,
/// first match), so a ReloadActor started on any source node — e.g. after a failover — knows what to read.
/// Every source node must see the same roots (a shared volume).
/// </summary>
public sealed class TopicFileResolver
{
    private readonly ImmutableArray<string> _roots;

    /// <summary>Creates a resolver over absolute root folders.</summary>
    public TopicFileResolver(IEnumerable<string> roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        _roots = [.. roots.Select(Path.GetFullPath)];
    }

    /// <summary>The topic's file, or the <c>.yaml</c> path under the first root when none exists yet.</summary>
    public string Resolve(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var relative = topic.Replace('/', Path.DirectorySeparatorChar);
        foreach (var root in _roots)
        {
            foreach (var extension in ConfigFormats.Extensions)
            {
                var candidate = Path.Combine(root, relative + extension);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return Path.Combine(_roots.IsEmpty ? Directory.GetCurrentDirectory() : _roots[0], relative + ".yaml");
    }
}
