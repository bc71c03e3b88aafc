using System.Collections.Immutable;
using System.Globalization;
using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Core.Events;

/// <summary>
/// Something that happened to the configuration of a topic: a file change, a reload that succeeded or failed,
/// a validation rejection, a rollback. Optional details are init properties; free-form details go in
/// <see cref="Metadata"/> under the keys of <see cref="ReloadEventMetadata"/>.
/// </summary>
/// <param name="Type">What happened.</param>
/// <param name="Topic">The configuration topic (usually one file).</param>
/// <param name="Timestamp">When it happened.</param>
/// <remarks>
/// Record equality compares <see cref="Metadata"/> by reference (ImmutableDictionary has no structural
/// equality); compare the dictionaries' contents when that matters.
/// </remarks>
public sealed record ReloadEvent(ReloadEventType Type, string Topic, DateTimeOffset Timestamp)
{
    /// <summary>The file involved, if any.</summary>
    public string? FilePath { get; init; }

    /// <summary>The configuration version the event is about, if any.</summary>
    public long? Version { get; init; }

    /// <summary>The newly applied configuration (reload or rollback success), if any.</summary>
    public ConfigDocument? NewConfig { get; init; }

    /// <summary>The error message of a failure, if any.</summary>
    public string? Error { get; init; }

    /// <summary>Free-form details; see <see cref="ReloadEventMetadata"/> for the well-known keys.</summary>
    public ImmutableDictionary<string, string> Metadata { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>
    /// The duration stored under <see cref="ReloadEventMetadata.ReloadTimeMs"/>, or <see langword="null"/> when
    /// it is missing, not an invariant-culture number, negative or not finite.
    /// </summary>
    public TimeSpan? ReloadTime =>
        Metadata.TryGetValue(ReloadEventMetadata.ReloadTimeMs, out var text)
        && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)
        && double.IsFinite(ms) && ms >= 0 && ms <= TimeSpan.MaxValue.TotalMilliseconds
            ? TimeSpan.FromTicks((long)Math.Round(ms * TimeSpan.TicksPerMillisecond))
            : null;

    /// <summary>A copy with one metadata entry added or replaced.</summary>
    public ReloadEvent WithMetadata(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        return this with { Metadata = Metadata.SetItem(key, value) };
    }

    /// <summary>A copy with <see cref="ReloadEventMetadata.ReloadTimeMs"/> set to <paramref name="duration"/>.</summary>
    public ReloadEvent WithReloadTime(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        return WithMetadata(ReloadEventMetadata.ReloadTimeMs, duration.TotalMilliseconds.ToString("R", CultureInfo.InvariantCulture));
    }
}
