using System.Globalization;
using System.Numerics;

namespace HotReloadCluster.Core.Documents;

/// <summary>
/// A typed leaf value. <see cref="Text"/> holds the text of the value: the string itself, <c>true</c> or <c>false</c>,
/// the empty string for null, and for a number read from a file the number as it is written there when that is a
/// JSON number literal (<c>1.50</c>, <c>1e3</c>, <c>-0</c>), as Microsoft.Extensions.Configuration.Json keeps it.
/// Numbers built from values, and YAML numbers JSON cannot write (<c>0x1F</c>, <c>+1</c>, <c>.5</c>, <c>.inf</c>),
/// have canonical invariant text (<c>31</c>, <c>1</c>, <c>0.5</c>, <c>Infinity</c>); a float's canonical text always
/// shows that it is a float (<c>3.0</c>, <c>1.0E+20</c>).
/// </summary>
public sealed class ConfigScalar : ConfigNode
{
    private ConfigScalar(ScalarKind kind, string text)
    {
        Kind = kind;
        Text = text;
    }

    /// <summary>The shared null scalar.</summary>
    public static ConfigScalar Null { get; } = new(ScalarKind.Null, string.Empty);

    /// <summary>The shared <c>true</c> scalar.</summary>
    public static ConfigScalar True { get; } = new(ScalarKind.Boolean, "true");

    /// <summary>The shared <c>false</c> scalar.</summary>
    public static ConfigScalar False { get; } = new(ScalarKind.Boolean, "false");

    /// <summary>The scalar's type.</summary>
    public ScalarKind Kind { get; }

    /// <summary>The text of the value (see the type's summary); empty for null.</summary>
    public string Text { get; }

    /// <inheritdoc />
    public override long NodeCount => 1;

    /// <summary>Creates a string scalar.</summary>
    public static ConfigScalar FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new ConfigScalar(ScalarKind.String, value);
    }

    /// <summary>Creates a boolean scalar.</summary>
    public static ConfigScalar FromBoolean(bool value) => value ? True : False;

    /// <summary>Creates an integer scalar.</summary>
    public static ConfigScalar FromInteger(long value) =>
        new(ScalarKind.Integer, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Creates an integer scalar of any size; its <see cref="Text"/> keeps every digit (configuration files may hold
    /// 64-bit unsigned values and larger identifiers, which a double would round).
    /// </summary>
    public static ConfigScalar FromInteger(BigInteger value) =>
        new(ScalarKind.Integer, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Creates a floating point scalar (NaN and infinities are allowed; JSON shows them as strings). Its
    /// <see cref="Text"/> is the round-trip invariant text with a decimal point (<c>3.0</c>, <c>1.5</c>,
    /// <c>1.0E+20</c>), or <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>.
    /// </summary>
    public static ConfigScalar FromFloat(double value) =>
        new(ScalarKind.Float, FloatText(value));

    /// <summary>
    /// A number that keeps <paramref name="literal"/>, a JSON number literal, as its <see cref="Text"/>: an integer when
    /// the literal has no fraction and no exponent, a float otherwise. The caller has checked the literal
    /// (<see cref="IsJsonNumber"/>) and, for a float, that it fits a double.
    /// </summary>
    internal static ConfigScalar FromJsonNumber(string literal) =>
        new(literal.AsSpan().IndexOfAny('.', 'e', 'E') < 0 ? ScalarKind.Integer : ScalarKind.Float, literal);

    /// <summary>Whether <paramref name="text"/> is a JSON number literal: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?</c>.</summary>
    internal static bool IsJsonNumber(ReadOnlySpan<char> text)
    {
        var i = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        if (i == text.Length || !char.IsAsciiDigit(text[i]))
        {
            return false;
        }

        if (text[i++] != '0')
        {
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && text[i] == '.')
        {
            if (++i == text.Length || !char.IsAsciiDigit(text[i]))
            {
                return false;
            }

            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            if (++i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            if (i == text.Length || !char.IsAsciiDigit(text[i]))
            {
                return false;
            }

            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        return i == text.Length;
    }

    /// <summary>
    /// The value as a 64-bit integer; throws <see cref="InvalidOperationException"/> when <see cref="Kind"/> is not
    /// <see cref="ScalarKind.Integer"/> and <see cref="OverflowException"/> when the integer does not fit 64 bits
    /// (see <see cref="AsBigInteger"/> and <see cref="TryGetInt64"/>).
    /// </summary>
    public long AsInteger() => Kind == ScalarKind.Integer
        ? long.Parse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
        : throw new InvalidOperationException($"Scalar is {Kind}, not Integer.");

    /// <summary>The integer as a 64-bit value when it is an integer that fits.</summary>
    public bool TryGetInt64(out long value)
    {
        value = 0;
        return Kind == ScalarKind.Integer && long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The value as an integer of any size; throws when <see cref="Kind"/> is not <see cref="ScalarKind.Integer"/>.</summary>
    public BigInteger AsBigInteger() => Kind == ScalarKind.Integer
        ? BigInteger.Parse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
        : throw new InvalidOperationException($"Scalar is {Kind}, not Integer.");

    /// <summary>The value as a double; integers convert, other kinds throw.</summary>
    public double AsFloat() => Kind is ScalarKind.Float or ScalarKind.Integer
        ? double.Parse(Text, NumberStyles.Float, CultureInfo.InvariantCulture)
        : throw new InvalidOperationException($"Scalar is {Kind}, not a number.");

    /// <summary>The value as a boolean; throws when <see cref="Kind"/> is not <see cref="ScalarKind.Boolean"/>.</summary>
    public bool AsBoolean() => Kind == ScalarKind.Boolean
        ? Text == "true"
        : throw new InvalidOperationException($"Scalar is {Kind}, not Boolean.");

    /// <summary>
    /// The value as Microsoft.Extensions.Configuration.Json gives it for the same JSON value: <see langword="null"/>
    /// for null, <c>True</c> or <c>False</c> for a boolean (<see cref="bool.ToString()"/>, as <c>JsonElement.ToString()</c>
    /// gives it), and <see cref="Text"/> otherwise (a number as written, a string as it is).
    /// </summary>
    public string? ToConfigurationValue() => Kind switch
    {
        ScalarKind.Null => null,
        ScalarKind.Boolean => AsBoolean() ? bool.TrueString : bool.FalseString,
        _ => Text,
    };

    /// <inheritdoc />
    public override bool Equals(ConfigNode? other) =>
        other is ConfigScalar s && s.Kind == Kind && string.Equals(s.Text, Text, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode(Text));

    /// <summary>
    /// Round-trip invariant text that reads back as a float in JSON and YAML: "3" becomes "3.0" and "1E+20" becomes
    /// "1.0E+20" (some YAML 1.1 tools want the dot); NaN and the infinities keep their .NET names.
    /// </summary>
    private static string FloatText(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (!double.IsFinite(value) || text.Contains('.', StringComparison.Ordinal))
        {
            return text;
        }

        var exponent = text.IndexOf('E', StringComparison.Ordinal);
        return exponent < 0 ? text + ".0" : string.Concat(text.AsSpan(0, exponent), ".0", text.AsSpan(exponent));
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        ScalarKind.Null => "null",
        ScalarKind.String => "\"" + Text + "\"",
        _ => Text,
    };
}
