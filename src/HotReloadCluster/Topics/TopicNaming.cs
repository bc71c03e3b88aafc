using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Topics;

/// <summary>
/// Which files under a watched root are topics and what they are called: <c>*.yaml</c>, <c>*.yml</c> and
/// <c>*.json</c>, minus <c>*.schema.json</c>, dotfiles, and anything inside a folder whose name starts with a
/// dot (which covers Kubernetes' <c>..data</c> and <c>..2026_…</c> folders and <c>.git</c>). The topic is the
/// path relative to the root without its extension, with <c>/</c> between folders.
/// </summary>
internal static class TopicNaming
{
    /// <summary>How deep below a root topics are looked for.</summary>
    public const int MaxDepth = 32;

    /// <summary>Whether <paramref name="fullPath"/> (under <paramref name="root"/>) is a topic file by name.</summary>
    public static bool IsTopicFile(string root, string fullPath)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(fullPath);
        var relative = Path.GetRelativePath(root, fullPath);
        if (relative.StartsWith("..", StringComparison.Ordinal) && (relative.Length == 2 || relative[2] == Path.DirectorySeparatorChar)
            || Path.IsPathRooted(relative) || relative == ".")
        {
            return false;
        }

        var name = Path.GetFileName(relative);
        if (name.Length == 0 || name[0] == '.' || name.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (ConfigFormats.FromPath(name) is null)
        {
            return false;
        }

        var parts = relative.Split(Path.DirectorySeparatorChar);
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (parts[i].Length == 0 || parts[i][0] == '.')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a directory may contain topics (its name does not start with a dot).</summary>
    public static bool IsWatchedDirectoryName(string name) => name.Length > 0 && name[0] != '.';

    /// <summary>The topic of a file, e.g. <c>services/payments</c> for <c>root/services/payments.yaml</c>.</summary>
    public static string TopicFor(string root, string fullPath)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(fullPath);
        var relative = Path.GetRelativePath(root, fullPath);
        var withoutExtension = Path.ChangeExtension(relative, null) ?? relative;
        return withoutExtension.Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <summary>
    /// Every topic file under <paramref name="root"/>, skipping dot-folders and linked folders that resolve outside
    /// the root without entering them.
    /// </summary>
    public static IEnumerable<string> EnumerateTopicFiles(string root) => EnumerateTopicFiles(root, root);

    /// <summary>Every topic file of <paramref name="root"/> in <paramref name="folder"/> and below (a folder moved in).</summary>
    public static IEnumerable<string> EnumerateTopicFiles(string folder, string root)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(root);
        // Depth is capped so that a symlink loop cannot make the walk endless.
        var pending = new Stack<(string Dir, int Depth)>();
        pending.Push((folder, 0));
        while (pending.Count > 0)
        {
            var (dir, depth) = pending.Pop();
            IEnumerable<string> files, dirs;
            try
            {
                files = Directory.EnumerateFiles(dir).ToList();
                dirs = Directory.EnumerateDirectories(dir).ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var file in files.Order(StringComparer.Ordinal))
            {
                if (IsTopicFile(root, file))
                {
                    yield return file;
                }
            }

            foreach (var sub in dirs)
            {
                // A linked folder is entered only if it resolves inside the root: a link to / is not a walk of the disk.
                if (depth < MaxDepth && IsWatchedDirectoryName(Path.GetFileName(sub))
                    && (new DirectoryInfo(sub).LinkTarget is null || Files.ConfinedFile.ResolvesInside(sub, [root])))
                {
                    pending.Push((sub, depth + 1));
                }
            }
        }
    }
}
