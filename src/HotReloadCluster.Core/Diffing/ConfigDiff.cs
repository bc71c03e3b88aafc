using System.Collections.Immutable;
using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Core.Diffing;

/// <summary>
/// The differences between two documents, as a list of <see cref="DiffEntry"/>s.
/// </summary>
/// <remarks>
/// <para>Maps are compared key by key and sequences index by index, recursively. Items past the end of the
/// shorter sequence are Added or Removed one by one. When the kind of node differs at a path (map, sequence,
/// or scalar; or the <see cref="ScalarKind"/> of two scalars) there is one Changed entry at that path and
/// nothing below it; at the top that entry is at <see cref="ConfigPath.Root"/>. Map equality ignores key
/// order, so reordering keys gives no entry.</para>
/// <para>Entries are in document order, depth first: within a map, the keys of the old map in their order
/// (Changed or Removed, or the entries below them), then the keys only the new map has, in its order;
/// within a sequence, by ascending index.</para>
/// </remarks>
public sealed class ConfigDiff : IEquatable<ConfigDiff>
{
    /// <summary>Creates a diff from entries, for example ones read back from the wire; they are kept in the given order.</summary>
    public ConfigDiff(IEnumerable<DiffEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = [.. entries];
        foreach (var entry in Entries)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(entries));
        }
    }

    /// <summary>The diff with no entries.</summary>
    public static ConfigDiff Empty { get; } = new([]);

    /// <summary>The entries in document order (see the remarks on <see cref="ConfigDiff"/>).</summary>
    public ImmutableArray<DiffEntry> Entries { get; }

    /// <summary>Whether the two documents were equal.</summary>
    public bool IsEmpty => Entries.IsEmpty;

    /// <summary>Whether any entry is redacted; a redacted diff cannot be applied.</summary>
    public bool IsRedacted => Entries.Any(e => e.IsRedacted);

    /// <summary>
    /// The differences that turn <paramref name="from"/> into <paramref name="to"/>, with the entries at,
    /// below or above any of <paramref name="redactedPaths"/> redacted (see <see cref="Redact"/>).
    /// </summary>
    public static ConfigDiff Compute(ConfigDocument from, ConfigDocument to, IEnumerable<ConfigPath>? redactedPaths = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var diff = new ConfigDiff(DiffBuilder.Compute(from.Root, to.Root));
        return redactedPaths is null ? diff : diff.Redact(redactedPaths);
    }

    /// <summary>
    /// Applies the entries to <paramref name="from"/>: <c>Compute(a, b).ApplyTo(a)</c> equals <c>b</c>. The
    /// result keeps the source name of <paramref name="from"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The diff is redacted, or it does not fit <paramref name="from"/> (an old value differs, a path is
    /// missing or already present, a sequence item is not added or removed at the end).
    /// </exception>
    public ConfigDocument ApplyTo(ConfigDocument from)
    {
        ArgumentNullException.ThrowIfNull(from);
        if (IsRedacted)
        {
            throw new InvalidOperationException("A redacted diff cannot be applied: its values were removed.");
        }

        return IsEmpty ? from : new ConfigDocument(DiffApplier.Apply(from.Root, Entries), from.SourceName);
    }

    /// <summary>
    /// A copy in which every entry whose path is at or below one of <paramref name="paths"/>, or above one
    /// (a map or sequence that contains it), is redacted: its values are dropped so that neither a secret nor
    /// a parent holding it can leak.
    /// </summary>
    public ConfigDiff Redact(IEnumerable<ConfigPath> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var secrets = paths.ToList();
        if (secrets.Count == 0)
        {
            return this;
        }

        return new ConfigDiff(Entries.Select(e =>
            secrets.Exists(s => s.IsPrefixOf(e.Path) || e.Path.IsPrefixOf(s)) ? e.Redact() : e));
    }

    /// <summary>
    /// One line per entry (see <see cref="DiffEntry.Format"/>), joined with <c>\n</c>; empty for an empty
    /// diff. With <paramref name="redactValues"/> no value is shown at all.
    /// </summary>
    public string Format(bool redactValues = false) => string.Join('\n', Entries.Select(e => e.Format(redactValues)));

    /// <summary>The diff as <see cref="Format"/> writes it; redacted entries never show values.</summary>
    public override string ToString() => Format();

    /// <inheritdoc />
    public bool Equals(ConfigDiff? other) =>
        other is not null && (ReferenceEquals(this, other) || Entries.SequenceEqual(other.Entries));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ConfigDiff other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var entry in Entries)
        {
            hash.Add(entry);
        }

        return hash.ToHashCode();
    }
}
