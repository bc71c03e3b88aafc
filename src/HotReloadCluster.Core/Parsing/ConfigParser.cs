using System.Globalization;
using System.Text;
using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Core.Parsing;

/// <summary>
/// Parses YAML and JSON configuration into <see cref="ConfigDocument"/>s under <see cref="ParseLimits"/>.
/// Never throws for bad input: every problem (I/O, encoding, syntax, duplicates, limits) comes back as a
/// <see cref="ConfigParseResult.Failure"/> with a 1-based line and column where one applies. Stateless apart from
/// its limits, so one instance may be shared by any number of threads.
/// </summary>
/// <remarks>
/// <para>YAML: one document, YAML 1.2 core schema for plain scalars (quoted and block scalars are strings); keys are
/// taken verbatim as strings. Explicit tags <c>!!str</c>, <c>!!int</c>, <c>!!float</c>, <c>!!bool</c>,
/// <c>!!null</c>, <c>!!map</c>, <c>!!seq</c> and the non-specific <c>!</c> are honoured; any other tag (custom
/// <c>!Ref</c>, <c>!!binary</c>, <c>!!timestamp</c>, ...) is a <see cref="ConfigErrorKind.Syntax"/> error, because
/// silently reading a tagged value as a plain string could change its meaning. Merge keys (<c>&lt;&lt;: *base</c>
/// or <c>&lt;&lt;: [*a, *b]</c>) are supported: explicit keys win, then earlier merged maps; merged content is
/// charged to the node and depth budgets like any alias.</para>
/// <para>JSON: comments are skipped and trailing commas accepted, as <c>appsettings.json</c> readers do.</para>
/// <para>Both: every number keeps its text as written where that is a JSON number literal (<c>1.50</c>, <c>1e3</c>),
/// so that <see cref="ConfigDocument.Flatten"/> gives what Microsoft.Extensions.Configuration.Json gives. A document
/// in which two different paths give the same IConfiguration key (keys ignore case, and ':' separates sections, so
/// <c>Logging</c>/<c>logging</c> with the same leaf below, or a key <c>"a:b"</c> next to <c>a: {b: …}</c>) is a
/// <see cref="ConfigErrorKind.KeyCollision"/> error that names both paths, as that provider refuses such a file.</para>
/// </remarks>
public sealed class ConfigParser
{
    /// <summary>Creates a parser; <paramref name="limits"/> defaults to <see cref="ParseLimits.Default"/>.</summary>
    public ConfigParser(ParseLimits? limits = null)
    {
        limits ??= ParseLimits.Default;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxFileBytes, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxDepth, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxNodes, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxScalarLength, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxKeyLength, nameof(limits));
        Limits = limits;
    }

    /// <summary>The limits this parser enforces.</summary>
    public ParseLimits Limits { get; }

    /// <summary>
    /// Parses raw file content. The bytes must be UTF-8 (a byte order mark is skipped), not empty or whitespace
    /// only, and free of control characters other than tab, CR and LF.
    /// </summary>
    public ConfigParseResult Parse(ReadOnlySpan<byte> content, ConfigFormat format, string? sourceName = null)
    {
        if (format is not (ConfigFormat.Yaml or ConfigFormat.Json))
        {
            return ConfigParseResult.Failure(new ConfigParseError(
                ConfigErrorKind.UnsupportedFormat, $"unsupported format '{format}'", sourceName, null, null));
        }

        if (ContentInspector.Inspect(content, Limits, sourceName, out var bodyStart) is { } error)
        {
            return ConfigParseResult.Failure(error);
        }

        var body = content[bodyStart..];
        try
        {
            var yaml = format == ConfigFormat.Yaml ? Encoding.UTF8.GetString(body) : null;
            var root = yaml is not null
                ? YamlConfigReader.Read(yaml, Limits, sourceName)
                : JsonConfigReader.Read(body, Limits, sourceName);
            if (KeyCollision.Find(root) is { } collision)
            {
                return ConfigParseResult.Failure(CollisionError(collision, body, yaml, sourceName));
            }

            return ConfigParseResult.Success(new ConfigDocument(root, sourceName));
        }
        catch (ConfigParseException ex)
        {
            return ConfigParseResult.Failure(ex.Error);
        }
#pragma warning disable CA1031 // The contract is "never throws for bad input": a reader bug on some bytes is a parse error, not a crash.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return ConfigParseResult.Failure(new ConfigParseError(
                ConfigErrorKind.Syntax, $"the content could not be parsed ({ex.GetType().Name}: {ex.Message})", sourceName, null, null));
        }
    }

    /// <summary>
    /// Parses text; it is encoded as UTF-8 and checked like <see cref="Parse(ReadOnlySpan{byte}, ConfigFormat, string?)"/>
    /// (unpaired surrogates become U+FFFD).
    /// </summary>
    public ConfigParseResult Parse(string text, ConfigFormat format, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Encoding.UTF8.GetByteCount(text) is var byteCount && byteCount > Limits.MaxFileBytes)
        {
            return ConfigParseResult.Failure(ParseErrors.Limit(
                nameof(ParseLimits.MaxFileBytes),
                Limits.MaxFileBytes,
                string.Create(CultureInfo.InvariantCulture, $"the content is {byteCount} bytes"),
                sourceName,
                null,
                null));
        }

        return Parse(Encoding.UTF8.GetBytes(text), format, sourceName);
    }

    /// <summary>
    /// Reads and parses a file; the format comes from its extension (<see cref="ConfigFormats.FromPath"/>) and the
    /// path becomes the document's <see cref="ConfigDocument.SourceName"/>. A file larger than
    /// <see cref="ParseLimits.MaxFileBytes"/> is refused without being read in full, even if it grows while read.
    /// </summary>
    public ConfigParseResult ParseFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (ConfigFormats.FromPath(path) is not { } format)
        {
            return ConfigParseResult.Failure(new ConfigParseError(
                ConfigErrorKind.UnsupportedFormat,
                $"unsupported file extension '{Path.GetExtension(path)}'; expected one of {string.Join(", ", ConfigFormats.Extensions)}",
                path,
                null,
                null));
        }

        var read = ReadBounded(path);
        return read.Error is { } error ? ConfigParseResult.Failure(error) : Parse(read.Content.AsSpan(0, read.Length), format, path);
    }

    private (byte[] Content, int Length, ConfigParseError? Error) ReadBounded(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);
            var max = Limits.MaxFileBytes;
            var length = stream.CanSeek ? stream.Length : 0;
            if (length > max)
            {
                return ([], 0, TooLarge(path, length));
            }

            // Read at most max + 1 bytes: one byte more than allowed proves the file is too large (it may have grown).
            var cap = (int)Math.Min(max + 1, Array.MaxLength);
            var buffer = new byte[Math.Min(cap, Math.Max(length + 1, 4096))];
            var total = 0;
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (buffer.Length == cap)
                    {
                        break;
                    }

                    Array.Resize(ref buffer, (int)Math.Min(cap, (long)buffer.Length * 2));
                }

                var n = stream.Read(buffer, total, buffer.Length - total);
                if (n == 0)
                {
                    break;
                }

                total += n;
            }

            return total > max ? ([], 0, TooLarge(path, total)) : (buffer, total, null);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return ([], 0, new ConfigParseError(ConfigErrorKind.NotFound, $"file not found: {ex.Message}", path, null, null));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
        {
            return ([], 0, new ConfigParseError(ConfigErrorKind.Io, $"cannot read the file: {ex.Message}", path, null, null));
        }
    }

    private ConfigParseError CollisionError(KeyCollision collision, ReadOnlySpan<byte> json, string? yaml, string? sourceName)
    {
        var first = yaml is null ? KeyLocator.InJson(json, collision.First, Limits.MaxDepth) : KeyLocator.InYaml(yaml, collision.First);
        var second = yaml is null ? KeyLocator.InJson(json, collision.Second, Limits.MaxDepth) : KeyLocator.InYaml(yaml, collision.Second);
        return ParseErrors.KeyCollision(collision, first?.Line, first?.Column, sourceName, second?.Line, second?.Column);
    }

    private ConfigParseError TooLarge(string path, long seen) =>
        ParseErrors.Limit(
            nameof(ParseLimits.MaxFileBytes),
            Limits.MaxFileBytes,
            string.Create(CultureInfo.InvariantCulture, $"the file has at least {seen} bytes"),
            path,
            null,
            null);
}
