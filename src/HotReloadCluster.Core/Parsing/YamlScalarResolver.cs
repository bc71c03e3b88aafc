using System.Globalization;
using System.Numerics;
using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Core.Parsing;

/// <summary>
/// YAML 1.2 core-schema resolution of plain scalars, and the checks behind the explicit core tags. Hand-written
/// (no regular expressions) because it runs once per scalar.
/// </summary>
internal static class YamlScalarResolver
{
    /// <summary>
    /// The type of an untagged plain scalar under the core schema. <paramref name="outOfRange"/> is set (and a string
    /// returned) when the text is a float too large for a double: the reader makes that an error.
    /// </summary>
    public static ConfigScalar ResolvePlain(string text, out bool outOfRange)
    {
        outOfRange = false;
        if (text.Length == 0)
        {
            return ConfigScalar.Null;
        }

        // Fast path: only these first characters can start a non-string.
        var first = text[0];
        if (!(char.IsAsciiDigit(first) || first is '+' or '-' or '.' or '~' or 'n' or 'N' or 't' or 'T' or 'f' or 'F'))
        {
            return ConfigScalar.FromString(text);
        }

        if (IsNull(text))
        {
            return ConfigScalar.Null;
        }

        if (TryBoolean(text, out var boolean))
        {
            return ConfigScalar.FromBoolean(boolean);
        }

        return TryNumber(text, out var number, out outOfRange) ? number : ConfigScalar.FromString(text);
    }

    /// <summary>Core-schema null forms.</summary>
    public static bool IsNull(string text) => text is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>Core-schema booleans.</summary>
    public static bool TryBoolean(string text, out bool value)
    {
        switch (text)
        {
            case "true" or "True" or "TRUE":
                value = true;
                return true;
            case "false" or "False" or "FALSE":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>
    /// A core-schema integer (decimal, <c>0o</c> octal, <c>0x</c> hex; any size, every digit kept) or float. A number
    /// written as a JSON number literal keeps that text (<c>1.50</c>, <c>1e3</c>): it is what
    /// Microsoft.Extensions.Configuration.Json gives for the same JSON. Other forms (<c>0x1F</c>, <c>+1</c>, <c>007</c>,
    /// <c>.5</c>, <c>.inf</c>) get the canonical text of their value.
    /// <paramref name="outOfRange"/> is set when the text has float syntax but overflows a double (<c>1e400</c>);
    /// the result is then false.
    /// </summary>
    public static bool TryNumber(string text, out ConfigScalar value, out bool outOfRange)
    {
        outOfRange = false;
        if (TryInteger(text, out value))
        {
            return true;
        }

        if (IsFloatSyntax(text))
        {
            var number = ParseFloat(text);
            if (double.IsInfinity(number) && !IsInfinityLiteral(text))
            {
                outOfRange = true;
                value = ConfigScalar.Null;
                return false;
            }

            value = ConfigScalar.IsJsonNumber(text) ? ConfigScalar.FromJsonNumber(text) : ConfigScalar.FromFloat(number);
            return true;
        }

        value = ConfigScalar.Null;
        return false;
    }

    /// <summary>
    /// Parses a core-schema integer of any size: decimal with an optional sign, <c>0o</c> octal or <c>0x</c> hex. A JSON
    /// integer literal keeps its text (<c>-0</c>); other forms get canonical decimal text.
    /// </summary>
    public static bool TryInteger(string text, out ConfigScalar value)
    {
        value = ConfigScalar.Null;
        if (text.Length > 2 && text[0] == '0' && text[1] is 'o' or 'x')
        {
            var radix = text[1] == 'o' ? 8 : 16;
            BigInteger accumulated = BigInteger.Zero;
            long small = 0;
            var big = false;
            for (var i = 2; i < text.Length; i++)
            {
                var digit = DigitValue(text[i]);
                if (digit < 0 || digit >= radix)
                {
                    return false;
                }

                if (!big && small > (long.MaxValue - digit) / radix)
                {
                    big = true;
                    accumulated = small;
                }

                if (big)
                {
                    accumulated = (accumulated * radix) + digit;
                }
                else
                {
                    small = (small * radix) + digit;
                }
            }

            value = big ? ConfigScalar.FromInteger(accumulated) : ConfigScalar.FromInteger(small);
            return true;
        }

        var start = text.Length > 0 && text[0] is '+' or '-' ? 1 : 0;
        if (start == text.Length)
        {
            return false;
        }

        for (var i = start; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        value = ConfigScalar.IsJsonNumber(text) ? ConfigScalar.FromJsonNumber(text)
            : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) ? ConfigScalar.FromInteger(integer)
            : ConfigScalar.FromInteger(BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        return true;
    }

    private static bool IsInfinityLiteral(string text)
    {
        var unsigned = text.Length > 0 && text[0] is '+' or '-' ? text.AsSpan(1) : text.AsSpan();
        return unsigned is ".inf" or ".Inf" or ".INF";
    }

    /// <summary>
    /// Whether <paramref name="text"/> matches the core-schema float forms:
    /// <c>[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?</c>, <c>[-+]?\.(inf|Inf|INF)</c>, <c>\.(nan|NaN|NAN)</c>.
    /// </summary>
    public static bool IsFloatSyntax(string text)
    {
        if (text is ".nan" or ".NaN" or ".NAN")
        {
            return true;
        }

        var i = text.Length > 0 && text[0] is '+' or '-' ? 1 : 0;
        var rest = text.AsSpan(i);
        if (rest is ".inf" or ".Inf" or ".INF")
        {
            return true;
        }

        var integerDigits = CountDigits(text, ref i);
        var fractionDigits = 0;
        var hasDot = i < text.Length && text[i] == '.';
        if (hasDot)
        {
            i++;
            fractionDigits = CountDigits(text, ref i);
        }

        if (integerDigits == 0 && fractionDigits == 0)
        {
            return false;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            if (CountDigits(text, ref i) == 0)
            {
                return false;
            }
        }

        return i == text.Length;
    }

    /// <summary>Parses text already known to match <see cref="IsFloatSyntax"/> (or a decimal integer).</summary>
    public static double ParseFloat(string text)
    {
        var unsigned = text.Length > 0 && text[0] is '+' or '-' ? text.AsSpan(1) : text.AsSpan();
        var negative = text.Length > 0 && text[0] == '-';
        if (unsigned is ".inf" or ".Inf" or ".INF")
        {
            return negative ? double.NegativeInfinity : double.PositiveInfinity;
        }

        if (text is ".nan" or ".NaN" or ".NAN")
        {
            return double.NaN;
        }

        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static int CountDigits(string text, ref int index)
    {
        var start = index;
        while (index < text.Length && char.IsAsciiDigit(text[index]))
        {
            index++;
        }

        return index - start;
    }

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
