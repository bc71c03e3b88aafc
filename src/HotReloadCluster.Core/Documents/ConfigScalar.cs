using System.Globalization;
using System.Numerics;

namespace HotReloadCluster.Core.Documents;

/// <summary>
/// A typed leaf value. <see cref="Text"/> holds the canonical invariant text of the value
/// (<c>true</c>, <c>42</c>, <c>1.5</c>, the string itself, or the empty string for null).
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

    /// <summary>The canonical invariant text of the value; empty for null.</summary>
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

    /// <summary>Creates a floating point scalar (NaN and infinities are allowed; JSON shows them as strings).</summary>
    public static ConfigScalar FromFloat(double value) =>
        new(ScalarKind.Float, value.ToString("R", CultureInfo.InvariantCulture));

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

    /// <summary>The value as IConfiguration-style text: null becomes <see langword="null"/>.</summary>
    public string? ToConfigurationValue() => Kind == ScalarKind.Null ? null : Text;

    /// <inheritdoc />
    public override bool Equals(ConfigNode? other) =>
        other is ConfigScalar s && s.Kind == Kind && string.Equals(s.Text, Text, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode(Text));

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        ScalarKind.Null => "null",
        ScalarKind.String => "\"" + Text + "\"",
        _ => Text,
    };
}
