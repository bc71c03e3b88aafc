using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace HotReloadCluster.Admin;

/// <summary>
/// The named admin tokens a node accepts. Only SHA-256 digests are kept; a presented token is compared with
/// every one of them in constant time, so neither timing nor an early exit tells how close a guess was.
/// </summary>
public sealed class AdminTokens
{
    private readonly ImmutableArray<(string Name, AdminRole Role, byte[] Digest)> _tokens;

    private AdminTokens(ImmutableArray<(string Name, AdminRole Role, byte[] Digest)> tokens)
    {
        _tokens = tokens;
    }

    /// <summary>How many tokens there are.</summary>
    public int Count => _tokens.Length;

    /// <summary>The token names and roles (never the tokens).</summary>
    public IEnumerable<(string Name, AdminRole Role)> Names => _tokens.Select(t => (t.Name, t.Role));

    /// <summary>Parses <c>name:role:token</c> entries (role <c>viewer</c> or <c>operator</c>).</summary>
    /// <exception cref="FormatException">An entry is malformed (the message never contains the token).</exception>
    public static AdminTokens Parse(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var tokens = ImmutableArray.CreateBuilder<(string, AdminRole, byte[])>();
        var index = 0;
        foreach (var entry in entries)
        {
            var parts = entry.Split(':', 3);
            if (parts.Length != 3 || parts[0].Length == 0 || parts[2].Length < 8 || !Enum.TryParse<AdminRole>(parts[1], ignoreCase: true, out var role))
            {
                throw new FormatException($"admin token entry {index} must be name:viewer|operator:token with a token of at least 8 characters");
            }

            tokens.Add((parts[0], role, Digest(parts[2])));
            index++;
        }

        return new AdminTokens(tokens.ToImmutable());
    }

    /// <summary>A new random operator token named <c>generated</c>, and the token to show once.</summary>
    public static (AdminTokens Tokens, string Token) Generate()
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return (new AdminTokens([("generated", AdminRole.Operator, Digest(token))]), token);
    }

    /// <summary>The name and role of <paramref name="token"/>, or null when it matches none.</summary>
    public (string Name, AdminRole Role)? Authenticate(string? token)
    {
        var digest = Digest(token ?? string.Empty);
        (string Name, AdminRole Role)? match = null;
        foreach (var (name, role, expected) in _tokens)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, expected))
            {
                match = (name, role);
            }
        }

        return match;
    }

    private static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
