using System.Security.Cryptography;
using HotReloadCluster.Core.Hashing;
using HotReloadCluster.Files;
using Microsoft.Win32.SafeHandles;

namespace HotReloadCluster.Reloading;

/// <summary>What reading a topic's file gave: its bytes and hash, or why there are none.</summary>
internal abstract record FileRead
{
    private FileRead()
    {
    }

    /// <summary>The file's hash, or null when it could not be read.</summary>
    public virtual string? Hash => null;

    /// <summary>
    /// Reads <paramref name="path"/> whole, refusing more than <paramref name="maxBytes"/> bytes, a real path outside
    /// <paramref name="roots"/>, and anything that is not a regular file (see <see cref="ConfinedFile"/>).
    /// </summary>
    public static FileRead From(string path, long maxBytes, IReadOnlyList<string> roots)
    {
        var open = ConfinedFile.Open(path, roots);
        if (open is not ConfinedOpen.Opened opened)
        {
            return Failure(open);
        }

        using var handle = opened.Handle;
        try
        {
            return ReadAll(handle, opened.Length, maxBytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return new Unreadable($"cannot read {path}: {ex.Message}");
        }
    }

    /// <summary>
    /// The hash of the file's content, streamed (any size, little memory), or null when it is missing, unreadable
    /// or refused (outside the roots, not a regular file). Used by watchers to see whether a file changed.
    /// </summary>
    public static string? HashOf(string path, IReadOnlyList<string> roots)
    {
        if (ConfinedFile.Open(path, roots) is not ConfinedOpen.Opened opened)
        {
            return null;
        }

        using var handle = opened.Handle;
        try
        {
            using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
            return ContentHash.Prefix + Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    private static FileRead Failure(ConfinedOpen open) => open switch
    {
        ConfinedOpen.Failed { Retryable: true } failed => new Unreadable(failed.Message),
        ConfinedOpen.Failed failed => new Refused(failed.Message),
        _ => new Missing(),
    };

    private static FileRead ReadAll(SafeFileHandle handle, long length, long maxBytes)
    {
        if (length > maxBytes)
        {
            return new TooLarge(length, maxBytes);
        }

        // The file may grow while we read: never read more than the limit plus one byte.
        var cap = Math.Min(maxBytes, Array.MaxLength - 1) + 1;
        var buffer = new byte[(int)Math.Min(cap, Math.Max(length, 4096))];
        var total = 0;
        int read;
        while ((read = RandomAccess.Read(handle, buffer.AsSpan(total), total)) > 0)
        {
            total += read;
            if (total > maxBytes)
            {
                return new TooLarge(total, maxBytes);
            }

            if (total == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(cap, (long)buffer.Length * 2));
            }
        }

        var bytes = total == buffer.Length ? buffer : buffer.AsSpan(0, total).ToArray();
        return new Content(bytes, ContentHash.Compute(bytes));
    }

    /// <summary>The whole file.</summary>
    public sealed record Content(byte[] Bytes, string ContentHash) : FileRead
    {
        /// <inheritdoc />
        public override string? Hash => ContentHash;
    }

    /// <summary>No file at the path.</summary>
    public sealed record Missing : FileRead;

    /// <summary>The file exists but could not be read; trying again may help (permissions, I/O).</summary>
    public sealed record Unreadable(string Error) : FileRead;

    /// <summary>
    /// The file was refused without being read: it resolves outside the watched roots, is not a regular file, or
    /// is a link loop. Trying again does not help until the file system changes.
    /// </summary>
    public sealed record Refused(string Error) : FileRead;

    /// <summary>The file is over the size limit; it was not read whole.</summary>
    public sealed record TooLarge(long Size, long Limit) : FileRead;
}
