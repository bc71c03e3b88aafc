using System.Collections.Immutable;

namespace HotReloadCluster.Topics;

/// <summary>Which file defines a topic, and which other files claim it too (ignored).</summary>
/// <param name="Path">The file that is read.</param>
/// <param name="Ignored">Other files of the same topic, in rule order; empty without a collision.</param>
internal sealed record TopicFileChoice(string Path, ImmutableArray<string> Ignored)
{
    /// <summary>Whether several files claim the topic.</summary>
    public bool IsCollision => !Ignored.IsDefaultOrEmpty;

    /// <summary>The sentence reported for a collision.</summary>
    public string Describe(string topic) =>
        $"topic '{topic}' is defined by several files: {Path} is read; ignored: {string.Join(", ", Ignored)} (rename or remove them; .yaml wins over .yml, which wins over .json)";
}
