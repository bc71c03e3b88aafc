using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace HotReloadCluster.Files;

/// <summary>
/// Opens a configuration file only when its real path (every link resolved) lies inside one of the watched roots
/// and it is a regular file. The target of a link that leaves the roots is never opened; a FIFO, socket or device
/// is never opened either, so no read can block. Links that stay inside (the Kubernetes <c>..data</c> layout, a
/// relative or absolute link to a sibling) keep working.
/// </summary>
/// <remarks>
/// On Linux the check is made twice: before opening (<c>realpath</c> and <c>statx</c>, so nothing outside is
/// opened) and after (the kernel's path of the opened descriptor and its type), so that a link or directory
/// swapped in between cannot make us read what the first check refused. Elsewhere the check is managed and
/// best-effort (final links resolved, directories refused).
/// </remarks>
internal static class ConfinedFile
{
    /// <summary>Opens <paramref name="path"/> for reading under <paramref name="roots"/>.</summary>
    public static ConfinedOpen Open(string path, IReadOnlyList<string> roots)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(roots);
        return LinuxFileSystem.IsSupported ? OpenLinux(path, roots) : OpenManaged(path, roots);
    }

    /// <summary>Whether the real path of <paramref name="path"/> lies inside one of <paramref name="roots"/> (false if it cannot be resolved).</summary>
    public static bool ResolvesInside(string path, IReadOnlyList<string> roots)
    {
        var real = LinuxFileSystem.IsSupported ? LinuxFileSystem.RealPath(path).Path : ManagedRealPath(path);
        return real is not null && InsideAny(real, roots) is not null;
    }

    private static ConfinedOpen OpenLinux(string path, IReadOnlyList<string> roots)
    {
        var (real, errno) = LinuxFileSystem.RealPath(path);
        if (real is null)
        {
            return FromErrno(path, errno);
        }

        if (InsideAny(real, roots) is null)
        {
            return Outside(path, real, roots);
        }

        var (status, statErrno) = LinuxFileSystem.LStat(real);
        if (status is null)
        {
            return FromErrno(path, statErrno);
        }

        if (status.Kind != FileKind.Regular)
        {
            return NotRegular(path, status.Kind);
        }

        var fd = LinuxFileSystem.OpenForRead(real);
        if (fd < 0)
        {
            return FromErrno(path, -fd);
        }

        // The authoritative check: what the kernel opened, after any swap that raced with the first check.
        var (opened, fstatErrno) = LinuxFileSystem.FStat(fd);
        var openedPath = OpenedPath(fd);
        if (opened is null || opened.Kind != FileKind.Regular || openedPath is null || InsideAny(openedPath, roots) is null)
        {
            LinuxFileSystem.Close(fd);
            return opened is null ? FromErrno(path, fstatErrno)
                : opened.Kind != FileKind.Regular ? NotRegular(path, opened.Kind)
                : Outside(path, openedPath ?? real, roots);
        }

        return new ConfinedOpen.Opened(new SafeFileHandle(fd, ownsHandle: true), opened.Size);
    }

    private static ConfinedOpen OpenManaged(string path, IReadOnlyList<string> roots)
    {
        try
        {
            var real = ManagedRealPath(path);
            if (real is null)
            {
                return new ConfinedOpen.Missing();
            }

            if (InsideAny(real, roots) is null)
            {
                return Outside(path, real, roots);
            }

            if (Directory.Exists(real))
            {
                return NotRegular(path, FileKind.Directory);
            }

            var handle = File.OpenHandle(real, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return new ConfinedOpen.Opened(handle, RandomAccess.GetLength(handle));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new ConfinedOpen.Missing();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return new ConfinedOpen.Failed($"cannot read {path}: {ex.Message}", Retryable: true);
        }
    }

    private static string? ManagedRealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var info = new FileInfo(full);
        if (info.LinkTarget is not null)
        {
            return info.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true } target ? target.FullName : null;
        }

        return info.Exists || Directory.Exists(full) ? full : null;
    }

    /// <summary>The root (real path) that contains <paramref name="realPath"/>, or null.</summary>
    /// <remarks>
    /// A root's real path is cached: a read inside the cached one costs no extra resolution. On a miss the root is
    /// resolved again (it may be a link that was switched), so the cache can only make a check pass when the fresh
    /// answer would too, never refuse one it would pass, and never pass one it would refuse... except for a root
    /// link switched away from a folder that still exists, whose files stay readable until then: they were inside.
    /// </remarks>
    private static string? InsideAny(string realPath, IReadOnlyList<string> roots)
    {
        foreach (var root in roots)
        {
            if (RealRoots.TryGetValue(root, out var cached) && IsBelow(realPath, cached))
            {
                return cached;
            }
        }

        foreach (var root in roots)
        {
            var realRoot = LinuxFileSystem.IsSupported ? LinuxFileSystem.RealPath(root).Path : ManagedRealPath(root);
            if (realRoot is null)
            {
                RealRoots.TryRemove(root, out _);
                continue;
            }

            RealRoots[root] = realRoot;
            if (IsBelow(realPath, realRoot))
            {
                return realRoot;
            }
        }

        return null;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> RealRoots = new(StringComparer.Ordinal);

    private static bool IsBelow(string realPath, string realRoot) =>
        realPath.StartsWith(Path.EndsInDirectorySeparator(realRoot) ? realRoot : realRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string? OpenedPath(int fd)
    {
        try
        {
            var target = new FileInfo("/proc/self/fd/" + fd.ToString(CultureInfo.InvariantCulture)).LinkTarget;
            const string deleted = " (deleted)";
            return target is not null && target.EndsWith(deleted, StringComparison.Ordinal) ? target[..^deleted.Length] : target;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static ConfinedOpen FromErrno(string path, int errno) => errno switch
    {
        LinuxFileSystem.ENOENT or LinuxFileSystem.ENOTDIR => new ConfinedOpen.Missing(),
        LinuxFileSystem.ELOOP => new ConfinedOpen.Failed($"{path} cannot be resolved: too many levels of symbolic links (a link loop?)", Retryable: false),
        LinuxFileSystem.EACCES => new ConfinedOpen.Failed($"cannot read {path}: permission denied", Retryable: true),
        _ => new ConfinedOpen.Failed($"cannot read {path}: {LinuxFileSystem.Describe(errno)}", Retryable: true),
    };

    private static ConfinedOpen.Failed Outside(string path, string real, IReadOnlyList<string> roots) =>
        new($"{path} resolves to {real}, outside the watched root{(roots.Count == 1 ? " " + roots[0] : "s " + string.Join(", ", roots))}; it was not read", Retryable: false);

    private static ConfinedOpen.Failed NotRegular(string path, FileKind kind) =>
        new($"{path} is not a regular file ({Describe(kind)}); it was not opened", Retryable: false);

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.Directory => "a directory",
        FileKind.Fifo => "a FIFO",
        FileKind.Socket => "a socket",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.SymbolicLink => "a symbolic link",
        _ => "an unknown kind of file",
    };
}
