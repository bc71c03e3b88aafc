using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Core.Parsing;

/// <summary>
/// Writes <see cref="ConfigDocument"/>s as YAML or JSON such that <see cref="ConfigParser"/> reads back an equal
/// document, scalar kinds included. YAML output is block style, two-space indents, with strings double-quoted
/// whenever a plain scalar could be read as another type (<c>"true"</c>, <c>"123"</c>, <c>"null"</c>, <c>"1e3"</c>)
/// or needs escaping; floats always carry a dot or exponent, and NaN/infinities use <c>.nan</c>/<c>.inf</c>.
/// JSON cannot express NaN or infinities: they are written as the strings <c>"NaN"</c>, <c>"Infinity"</c> and
/// <c>"-Infinity"</c> (the one lossy case). Both writers recurse once per nesting level, which parsed documents
/// bound by <see cref="ParseLimits.MaxDepth"/>.
/// </summary>
public static class ConfigWriter
{
    /// <summary>Keys longer than this use the explicit <c>? key</c> form: YAML caps implicit keys at 1024 characters.</summary>
    private const int MaxImplicitKeyLength = 1000;

    private static readonly JsonWriterOptions IndentedJson = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonWriterOptions CompactJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The document as YAML text (LF line ends, ends with a newline).</summary>
    public static string ToYaml(ConfigDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var output = new StringBuilder();
        WriteYamlNode(output, document.Root, indent: 0, continuesLine: false);
        return output.ToString();
    }

    /// <summary>The document as JSON text; <paramref name="indented"/> uses two-space indents and LF line ends.</summary>
    public static string ToJson(ConfigDocument document, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(document);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, indented ? IndentedJson : CompactJson))
        {
            WriteJsonNode(writer, document.Root);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Writes <paramref name="node"/> at <paramref name="indent"/>. With <paramref name="continuesLine"/> the caller
    /// has already written <c>"- "</c> (or <c>"? "</c>) and the first line must not be indented again.
    /// </summary>
    private static void WriteYamlNode(StringBuilder output, ConfigNode node, int indent, bool continuesLine)
    {
        if (IsInline(node))
        {
            if (!continuesLine)
            {
                output.Append(' ', indent);
            }

            output.Append(InlineYaml(node)).Append('\n');
            return;
        }

        var first = true;
        if (node is ConfigMap map)
        {
            foreach (var (key, value) in map.Entries)
            {
                if (!first || !continuesLine)
                {
                    output.Append(' ', indent);
                }

                first = false;
                WriteYamlEntry(output, key, value, indent);
            }
        }
        else
        {
            foreach (var item in ((ConfigSequence)node).Items)
            {
                if (!first || !continuesLine)
                {
                    output.Append(' ', indent);
                }

                first = false;
                output.Append("- ");
                WriteYamlNode(output, item, indent + 2, continuesLine: true);
            }
        }
    }

    private static void WriteYamlEntry(StringBuilder output, string key, ConfigNode value, int indent)
    {
        if (key.Length > MaxImplicitKeyLength)
        {
            output.Append("? ").Append(YamlString(key)).Append('\n').Append(' ', indent).Append(':');
        }
        else
        {
            output.Append(YamlString(key)).Append(':');
        }

        if (IsInline(value))
        {
            output.Append(' ').Append(InlineYaml(value)).Append('\n');
        }
        else
        {
            output.Append('\n');
            WriteYamlNode(output, value, indent + 2, continuesLine: false);
        }
    }

    private static bool IsInline(ConfigNode node) => node switch
    {
        ConfigMap map => map.Count == 0,
        ConfigSequence seq => seq.Count == 0,
        _ => true,
    };

    private static string InlineYaml(ConfigNode node) => node switch
    {
        ConfigMap => "{}",
        ConfigSequence => "[]",
        ConfigScalar scalar => scalar.Kind switch
        {
            ScalarKind.Null => "null",
            ScalarKind.Float => YamlFloat(scalar),
            ScalarKind.String => YamlString(scalar.Text),
            _ => scalar.Text,
        },
        _ => throw new ArgumentException($"Unknown node type {node.GetType().Name}.", nameof(node)),
    };

    private static string YamlFloat(ConfigScalar scalar)
    {
        var value = scalar.AsFloat();
        if (double.IsNaN(value))
        {
            return ".nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? ".inf" : "-.inf";
        }

        // The text as written (1.50, 1e3) or, for a float built in code, canonical text that has a decimal point.
        return scalar.Text;
    }

    private static string YamlString(string text) => CanBePlain(text) ? text : DoubleQuoted(text);

    /// <summary>
    /// Conservative: plain only for text made of letters, digits, '_', '-', '.', '/' and inner single spaces that
    /// starts with a letter or '_' and that no YAML 1.1 or 1.2 reader would take for a null, boolean or number.
    /// </summary>
    private static bool CanBePlain(string text)
    {
        if (text.Length == 0 || !(char.IsLetter(text[0]) || text[0] == '_') || text[^1] == ' ')
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or ' '))
            {
                return false;
            }
        }

        if (YamlScalarResolver.ResolvePlain(text, out var outOfRange).Kind != ScalarKind.String || outOfRange)
        {
            return false;
        }

        // YAML 1.1 booleans and null spellings that other tools (PyYAML, older YamlDotNet schemas) still apply.
        return !(text.Length <= 5 && text.ToUpperInvariant() is "Y" or "N" or "YES" or "NO" or "ON" or "OFF" or "TRUE" or "FALSE" or "NULL");
    }

    private static string DoubleQuoted(string text)
    {
        var output = new StringBuilder(text.Length + 2).Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"':
                    output.Append("\\\"");
                    break;
                case '\\':
                    output.Append("\\\\");
                    break;
                case '\n':
                    output.Append("\\n");
                    break;
                case '\r':
                    output.Append("\\r");
                    break;
                case '\t':
                    output.Append("\\t");
                    break;
                case '\0':
                    output.Append("\\0");
                    break;
                case < ' ' or (>= '\u007F' and <= '\u009F'):
                    output.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                    break;
                case '\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF':
                    output.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        output.Append(c).Append(text[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        // Not representable in UTF-8 or YAML; the replacement character is what any encoder would produce.
                        output.Append('\uFFFD');
                    }
                    else
                    {
                        output.Append(c);
                    }

                    break;
            }
        }

        return output.Append('"').ToString();
    }

    private static void WriteJsonNode(Utf8JsonWriter writer, ConfigNode node)
    {
        switch (node)
        {
            case ConfigMap map:
                writer.WriteStartObject();
                foreach (var (key, value) in map.Entries)
                {
                    writer.WritePropertyName(key);
                    WriteJsonNode(writer, value);
                }

                writer.WriteEndObject();
                break;
            case ConfigSequence seq:
                writer.WriteStartArray();
                foreach (var item in seq.Items)
                {
                    WriteJsonNode(writer, item);
                }

                writer.WriteEndArray();
                break;
            case ConfigScalar scalar:
                WriteJsonScalar(writer, scalar);
                break;
            default:
                throw new ArgumentException($"Unknown node type {node.GetType().Name}.", nameof(node));
        }
    }

    private static void WriteJsonScalar(Utf8JsonWriter writer, ConfigScalar scalar)
    {
        switch (scalar.Kind)
        {
            case ScalarKind.Null:
                writer.WriteNullValue();
                break;
            case ScalarKind.Boolean:
                writer.WriteBooleanValue(scalar.AsBoolean());
                break;
            case ScalarKind.Integer:
                writer.WriteRawValue(scalar.Text); // every digit, whatever the size
                break;
            case ScalarKind.Float when double.IsFinite(scalar.AsFloat()):
                writer.WriteRawValue(scalar.Text); // a JSON literal: as written, or canonical with a decimal point
                break;
            default:
                // Strings, and NaN / infinities (JSON has no literal for them).
                writer.WriteStringValue(scalar.Text);
                break;
        }
    }
}
