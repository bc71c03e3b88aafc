using System.Collections.Immutable;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Substitution;
using HotReloadCluster.Core.Validation;

namespace HotReloadCluster.Reloading;

/// <summary>
/// Removes values that came from <c>${VAR}</c> substitution from text that leaves the process (errors that are
/// persisted, logged, published or sent). Validators and apply hooks see resolved documents and may quote a
/// value in a message; that value must never reach the journal, a log line or another node.
/// </summary>
internal sealed class SecretScrubber
{
    /// <summary>What replaces a secret.</summary>
    public const string Mask = "***";

    private readonly ImmutableArray<string> _secrets;

    private SecretScrubber(ImmutableArray<string> secrets)
    {
        _secrets = secrets;
    }

    /// <summary>A scrubber that changes nothing.</summary>
    public static SecretScrubber None { get; } = new([]);

    /// <summary>The values at the substituted paths of a resolution, longest first.</summary>
    public static SecretScrubber From(SubstitutionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.IsSuccess || result.SubstitutedPaths.IsEmpty)
        {
            return None;
        }

        var secrets = result.SubstitutedPaths
            .Select(path => result.Resolved!.Find(path))
            .OfType<ConfigScalar>()
            .Select(s => s.Text)
            .Where(text => text.Length >= 3)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(text => text.Length)
            .ToImmutableArray();
        return secrets.IsEmpty ? None : new SecretScrubber(secrets);
    }

    /// <summary>The text with every secret value masked.</summary>
    public string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>The errors with every secret value masked.</summary>
    public ImmutableArray<ValidationError> Scrub(ImmutableArray<ValidationError> errors) =>
        _secrets.IsEmpty ? errors : [.. errors.Select(e => e with { Message = Scrub(e.Message) })];
}
