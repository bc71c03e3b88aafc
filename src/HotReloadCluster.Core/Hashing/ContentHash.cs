using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace HotReloadCluster.Core.Hashing;

/// <summary>
/// Content hashes of configuration files, written as <c>sha256:</c> followed by 64 lower-case hex digits.
/// The hash is taken over the raw bytes (the template as written, never a resolved document), so two saves
/// of identical bytes give the same hash and collapse into one version.
/// </summary>
public static class ContentHash
{
    /// <summary>The algorithm prefix of every hash this class produces.</summary>
    public const string Prefix = "sha256:";

    private const int HexLength = SHA256.HashSizeInBytes * 2;

    /// <summary>The hash of <paramref name="content"/>, e.g. <c>sha256:ba7816bf…</c>.</summary>
    public static string Compute(ReadOnlySpan<byte> content)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(content, hash);
        return Prefix + Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// The hash of everything from the current position of <paramref name="content"/> to its end. The stream
    /// is read, not disposed. The result equals <see cref="Compute(ReadOnlySpan{byte})"/> over the same bytes.
    /// </summary>
    public static async Task<string> ComputeAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var hash = await SHA256.HashDataAsync(content, cancellationToken).ConfigureAwait(false);
        return Prefix + Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// Whether <paramref name="hash"/> has the exact form this class produces: <c>sha256:</c> and 64
    /// lower-case hex digits. Upper-case digits are rejected so that hashes can be compared ordinally.
    /// </summary>
    public static bool IsWellFormed([NotNullWhen(true)] string? hash)
    {
        if (hash is null || hash.Length != Prefix.Length + HexLength || !hash.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in hash.AsSpan(Prefix.Length))
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
