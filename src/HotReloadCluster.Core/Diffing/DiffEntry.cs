using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Core.Diffing;

/// <summary>
/// One difference between two documents. <see cref="DiffKind.Added"/> carries only <see cref="NewValue"/>,
/// <see cref="DiffKind.Removed"/> only <see cref="OldValue"/>, <see cref="DiffKind.Changed"/> both. A
/// redacted entry carries neither value.
/// </summary>
/// <param name="Kind">Added, Removed or Changed.</param>
/// <param name="Path">Where the difference is; <see cref="ConfigPath.Root"/> when the whole document changed kind or value.</param>
/// <param name="OldValue">The value before (Removed, Changed), or <see langword="null"/>.</param>
/// <param name="NewValue">The value after (Added, Changed), or <see langword="null"/>.</param>
/// <param name="IsRedacted">Whether the values were removed because they are or contain secrets.</param>
public sealed record DiffEntry(DiffKind Kind, ConfigPath Path, ConfigNode? OldValue, ConfigNode? NewValue, bool IsRedacted = false)
{
    /// <summary>The text shown instead of a redacted value.</summary>
    public const string RedactedText = "***";

    /// <summary>The same entry without values, marked <see cref="IsRedacted"/>.</summary>
    public DiffEntry Redact() => IsRedacted ? this : this with { OldValue = null, NewValue = null, IsRedacted = true };

    /// <summary>
    /// One line: <c>+ path: new</c>, <c>- path</c>, <c>~ path: old -&gt; new</c>. Values are shown as
    /// <see cref="RedactedText"/> when the entry is redacted or <paramref name="redactValues"/> is set. The
    /// root path is written <c>&lt;root&gt;</c>; line breaks inside values are written <c>\n</c> and <c>\r</c>.
    /// </summary>
    public string Format(bool redactValues = false)
    {
        var path = Path.IsRoot ? "<root>" : Path.ToString();
        var hide = redactValues || IsRedacted;
        return Kind switch
        {
            DiffKind.Added => $"+ {path}: {Show(NewValue, hide)}",
            DiffKind.Removed => $"- {path}",
            _ => $"~ {path}: {Show(OldValue, hide)} -> {Show(NewValue, hide)}",
        };
    }

    /// <summary>The entry as <see cref="Format"/> writes it, values shown unless the entry is redacted.</summary>
    public override string ToString() => Format();

    private static string Show(ConfigNode? value, bool hide)
    {
        if (hide)
        {
            return RedactedText;
        }

        var text = value?.ToString() ?? "null";
        return text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }
}
