using System.Globalization;
using System.Text.RegularExpressions;
using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Core.Substitution;

/// <summary>
/// Types a text the way the YAML 1.2 core schema types a plain (unquoted) scalar, used when a string is
/// exactly one reference. Differences from the schema, chosen for safety: the empty text stays the empty
/// string (not null); integers keep every digit, whatever their size; a float that overflows a double stays a
/// string (never an infinity nobody wrote). As in the parser, a number written as a JSON number literal keeps that
/// text (<c>1.50</c>); other number forms get the canonical text of their value.
/// </summary>
internal static partial class PlainScalarTyping
{
    /// <summary>The typed scalar for <paramref name="text"/>.</summary>
    internal static ConfigScalar Type(string text)
    {
        switch (text)
        {
            case "":
                return ConfigScalar.FromString(text);
            case "null" or "Null" or "NULL" or "~":
                return ConfigScalar.Null;
            case "true" or "True" or "TRUE":
                return ConfigScalar.True;
            case "false" or "False" or "FALSE":
                return ConfigScalar.False;
            case ".nan" or ".NaN" or ".NAN":
                return ConfigScalar.FromFloat(double.NaN);
        }

        if (DecimalInteger().IsMatch(text))
        {
            return ConfigScalar.IsJsonNumber(text) ? ConfigScalar.FromJsonNumber(text) : ConfigScalar.FromInteger(System.Numerics.BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        }

        if (OctalInteger().IsMatch(text))
        {
            return FromRadix(text, 8);
        }

        if (HexInteger().IsMatch(text))
        {
            return FromRadix(text, 16);
        }

        if (Infinity().IsMatch(text))
        {
            return ConfigScalar.FromFloat(text[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity);
        }

        if (Float().IsMatch(text) && double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) is var number && double.IsFinite(number))
        {
            return ConfigScalar.IsJsonNumber(text) ? ConfigScalar.FromJsonNumber(text) : ConfigScalar.FromFloat(number);
        }

        return ConfigScalar.FromString(text);
    }

    private static ConfigScalar FromRadix(string text, int radix)
    {
        long value = 0;
        foreach (var c in text.AsSpan(2))
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : (char.ToLowerInvariant(c) - 'a') + 10;
            if (value > (long.MaxValue - digit) / radix)
            {
                return ConfigScalar.FromString(text);
            }

            value = (value * radix) + digit;
        }

        return ConfigScalar.FromInteger(value);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalInteger();

    [GeneratedRegex(@"^0o[0-7]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex OctalInteger();

    [GeneratedRegex(@"^0x[0-9a-fA-F]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex HexInteger();

    [GeneratedRegex(@"^[-+]?\.(inf|Inf|INF)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Infinity();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Float();
}
