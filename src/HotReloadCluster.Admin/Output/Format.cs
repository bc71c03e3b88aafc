using System.Collections.Immutable;
using System.Globalization;

namespace HotReloadCluster.Hrc.Output;

/// <summary>Cell formatting shared by every human renderer.</summary>
internal static class Format
{
    /// <summary>How much of a hash a table shows (the prefix and 12 hex digits, as the node prints it).</summary>
    public const int ShortHashLength = 19;

    public static string ShortHash(string? hash) =>
        hash is null ? "-" : hash.Length > ShortHashLength ? hash[..ShortHashLength] : hash;

    public static string When(DateTimeOffset? at) =>
        at is { } value ? value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "-";

    public static string Clock(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public static string Version(long? version) =>
        version is { } v ? "v" + v.ToString(CultureInfo.InvariantCulture) : "-";

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string YesNo(bool value) => value ? "yes" : "no";

    public static string Text(string? value) => string.IsNullOrEmpty(value) ? "-" : value;

    public static string Millis(TimeSpan value) => value.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    public static ImmutableArray<T> OrEmpty<T>(this ImmutableArray<T> items) => items.IsDefault ? [] : items;
}
