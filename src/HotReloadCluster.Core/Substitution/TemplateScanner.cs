using System.Collections.Immutable;
using System.Text;

namespace HotReloadCluster.Core.Substitution;

/// <summary>
/// Splits a string scalar into literal text and <c>${…}</c> references. Scans left to right:
/// <c>$${</c> is an escape for the literal <c>${</c>; <c>${</c> starts a reference that ends at the first
/// <c>}</c>; any other <c>$</c> is plain text.
/// </summary>
internal static class TemplateScanner
{
    /// <summary>The documented shape of a variable name.</summary>
    internal const string NamePattern = "[A-Za-z_][A-Za-z0-9_.-]*";

    /// <summary>Whether the text may contain a reference or an escape at all (a cheap pre-check).</summary>
    internal static bool MayContainTemplate(string text) => text.Contains('$', StringComparison.Ordinal);

    /// <summary>Scans <paramref name="text"/>; adjacent literal text is merged into one part.</summary>
    internal static ImmutableArray<TemplatePart> Scan(string text)
    {
        var parts = ImmutableArray.CreateBuilder<TemplatePart>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] != '$')
            {
                literal.Append(text[i]);
                i++;
            }
            else if (i + 2 < text.Length && text[i + 1] == '$' && text[i + 2] == '{')
            {
                literal.Append("${");
                i += 3;
            }
            else if (i + 1 < text.Length && text[i + 1] == '{')
            {
                Flush(literal, parts);
                var close = text.IndexOf('}', i + 2);
                if (close < 0)
                {
                    var rest = text[(i + 2)..];
                    parts.Add(new TemplatePart.Malformed(NameOf(rest), "reference '${" + rest + "' is not closed with '}'"));
                    break;
                }

                parts.Add(ParseBody(text[(i + 2)..close]));
                i = close + 1;
            }
            else
            {
                literal.Append('$');
                i++;
            }
        }

        Flush(literal, parts);
        return parts.ToImmutable();
    }

    /// <summary>Whether <paramref name="name"/> matches <see cref="NamePattern"/>.</summary>
    internal static bool IsValidName(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static TemplatePart ParseBody(string body)
    {
        var separator = body.IndexOf(":-", StringComparison.Ordinal);
        var name = separator < 0 ? body : body[..separator];
        var defaultValue = separator < 0 ? null : body[(separator + 2)..];
        if (name.Length == 0)
        {
            return new TemplatePart.Malformed(name, "reference '${" + body + "}' has an empty variable name");
        }

        if (!IsValidName(name))
        {
            return new TemplatePart.Malformed(
                name,
                "variable name '" + name + "' is invalid: names match " + NamePattern + " and a default is written ${NAME:-default}");
        }

        return new TemplatePart.Reference(name, defaultValue);
    }

    private static string NameOf(string body)
    {
        var separator = body.IndexOf(":-", StringComparison.Ordinal);
        return separator < 0 ? body : body[..separator];
    }

    private static void Flush(StringBuilder literal, ImmutableArray<TemplatePart>.Builder parts)
    {
        if (literal.Length > 0)
        {
            parts.Add(new TemplatePart.Literal(literal.ToString()));
            literal.Clear();
        }
    }
}
