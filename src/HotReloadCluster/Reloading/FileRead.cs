using HotReloadCluster.Core.Hashing;

namespace HotReloadCluster.Reloading;

/// <summary>What reading a topic's file gave: its bytes and hash, or why there are none.</summary>
internal abstract record FileRead
{
    private FileRead()
    {
    }

    /// <summary>The file's hash, or null when it could not be read.</summary>
    public virtual string? Hash => null;

    /// <summary>Reads <paramref name="path"/> whole, refusing more than <paramref name="maxBytes"/> bytes.</summary>
    public static FileRead From(string path, long maxBytes)
    {
        try
        {
            using var stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.ReadWrite | FileShare.Delete,
                Options = FileOptions.SequentialScan,
                BufferSize = 0,
            });
            var length = stream.Length;
            if (length > maxBytes)
            {
                return new TooLarge(length, maxBytes);
            }

            // The file may grow while we read: never read more than the limit plus one byte.
            var cap = Math.Min(maxBytes, Array.MaxLength - 1) + 1;
            var buffer = new byte[(int)Math.Min(cap, Math.Max(length, 4096))];
            var total = 0;
            int read;
            while ((read = stream.Read(buffer, total, buffer.Length - total)) > 0)
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
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new Missing();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return new Unreadable(ex.GetType().Name + ": " + ex.Message);
        }
    }

    /// <summary>
    /// The hash of the file's content, streamed (any size, little memory), or null when it is missing or
    /// unreadable. Used by watchers to see whether a file changed.
    /// </summary>
    public static string? HashOf(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, FileOptions.SequentialScan);
            return ContentHash.Prefix + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The whole file.</summary>
    public sealed record Content(byte[] Bytes, string ContentHash) : FileRead
    {
        /// <inheritdoc />
        public override string? Hash => ContentHash;
    }

    /// <summary>No file at the path.</summary>
    public sealed record Missing : FileRead;

    /// <summary>The file exists but could not be read.</summary>
    public sealed record Unreadable(string Error) : FileRead;

    /// <summary>The file is over the size limit; it was not read whole.</summary>
    public sealed record TooLarge(long Size, long Limit) : FileRead;
}
