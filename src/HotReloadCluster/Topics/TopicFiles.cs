using System.Collections.Immutable;
using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Topics;

/// <summary>
/// The one rule for which file defines a topic, used by the watchers and the ReloadActors alike: the topic's
/// candidates are <c>&lt;root&gt;/&lt;topic&gt;</c> with <c>.yaml</c>, <c>.yml</c> and <c>.json</c>, in that order,
/// in every watched root in order; the first that exists wins, and any other that exists is a collision (reported,
/// never read).
/// </summary>
internal sealed class TopicFiles
{
    private readonly ImmutableArray<TopicRoot> _roots;

    /// <summary>Creates the rule over <paramref name="roots"/>.</summary>
    public TopicFiles(IEnumerable<TopicRoot> roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        _roots = [.. roots];
    }

    /// <summary>The roots.</summary>
    public ImmutableArray<TopicRoot> Roots => _roots;

    /// <summary>The file that defines <paramref name="topic"/> now, and the other files that claim it; null when none exists.</summary>
    public TopicFileChoice? Resolve(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var relative = topic.Replace('/', Path.DirectorySeparatorChar);
        string? chosen = null;
        var others = ImmutableArray.CreateBuilder<string>();
        foreach (var root in _roots)
        {
            foreach (var extension in ConfigFormats.Extensions)
            {
                var candidate = Path.Combine(root.Root, relative + extension);

                // Only the canonical name of a file is its topic: "./settings" or "a/../settings" are not "settings".
                if (!root.IsTopic(candidate) || !string.Equals(TopicNaming.TopicFor(root.Root, candidate), topic, StringComparison.Ordinal) || !Present(candidate))
                {
                    continue;
                }

                if (chosen is null)
                {
                    chosen = candidate;
                }
                else
                {
                    others.Add(candidate);
                }
            }
        }

        return chosen is null ? null : new TopicFileChoice(chosen, others.ToImmutable());
    }

    /// <summary>The path a topic's file would have in the first root that may hold it (for a topic with no file yet).</summary>
    public string DefaultPath(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var relative = topic.Replace('/', Path.DirectorySeparatorChar);
        foreach (var root in _roots)
        {
            foreach (var extension in ConfigFormats.Extensions)
            {
                var candidate = Path.Combine(root.Root, relative + extension);
                if (root.IsTopic(candidate))
                {
                    return candidate;
                }
            }
        }

        return Path.Combine(_roots.IsEmpty ? Directory.GetCurrentDirectory() : _roots[0].Root, relative + ".yaml");
    }

    /// <summary>
    /// Whether something is at <paramref name="path"/>: a file, a folder, a FIFO, or a link (even dangling or leading
    /// outside, so that the read reports what it is instead of "missing").
    /// </summary>
    public static bool Present(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists || Directory.Exists(path) || info.LinkTarget is not null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }
}
