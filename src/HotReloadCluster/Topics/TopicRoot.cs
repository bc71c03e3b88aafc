using System.Collections.Immutable;

namespace HotReloadCluster.Topics;

/// <summary>A watched root as far as topic files go: the folder, and the only files it watches (empty: all).</summary>
/// <param name="Root">The absolute folder.</param>
/// <param name="OnlyFiles">When not empty, only these absolute paths are topic files of the root.</param>
internal sealed record TopicRoot(string Root, ImmutableHashSet<string> OnlyFiles)
{
    /// <summary>Whether <paramref name="fullPath"/> is a topic file of this root.</summary>
    public bool IsTopic(string fullPath) =>
        TopicNaming.IsTopicFile(Root, fullPath) && (OnlyFiles.IsEmpty || OnlyFiles.Contains(fullPath));
}
