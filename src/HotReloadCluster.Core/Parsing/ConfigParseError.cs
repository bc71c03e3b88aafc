using System.Globalization;
using System.Text;

namespace HotReloadCluster.Core.Parsing;

/// <summary>
/// Why parsing failed, and where. <paramref name="Line"/> and <paramref name="Column"/> are 1-based (columns count
/// characters) and are <see langword="null"/> when the failure has no position (a missing file, for example).
/// </summary>
/// <param name="Kind">The category of the failure.</param>
/// <param name="Message">A human-readable explanation without the location prefix.</param>
/// <param name="SourceName">The file the content came from, when known.</param>
/// <param name="Line">1-based line of the failure, when known.</param>
/// <param name="Column">1-based column of the failure, when known.</param>
/// <param name="Limit">For <see cref="ConfigErrorKind.LimitExceeded"/>, the name of the <see cref="ParseLimits"/> property.</param>
public sealed record ConfigParseError(
    ConfigErrorKind Kind,
    string Message,
    string? SourceName,
    int? Line,
    int? Column,
    string? Limit = null)
{
    /// <summary>The compiler-style form <c>file:line:column: message</c>; missing parts are left out.</summary>
    public override string ToString()
    {
        var prefix = new StringBuilder();
        if (SourceName is not null)
        {
            prefix.Append(SourceName);
        }

        if (Line is { } line)
        {
            AppendPart(prefix, line);
            if (Column is { } column)
            {
                AppendPart(prefix, column);
            }
        }

        return prefix.Length == 0 ? Message : prefix.Append(": ").Append(Message).ToString();
    }

    private static void AppendPart(StringBuilder prefix, int value)
    {
        if (prefix.Length > 0)
        {
            prefix.Append(':');
        }

        prefix.Append(value.ToString(CultureInfo.InvariantCulture));
    }
}
