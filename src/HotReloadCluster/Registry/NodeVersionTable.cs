using System.Collections.Immutable;
using Akka.Actor;

namespace HotReloadCluster.Registry;

/// <summary>
/// A registry entity's bookkeeping of per-node versions: one entry per node address, kept only while the node's
/// subscription is registered. A report replaces the entry unless it is for an older version (or the same version
/// reported earlier), so reports are idempotent and arrive in any order. Read in pages that fit one remoting frame.
/// </summary>
internal sealed class NodeVersionTable
{
    /// <summary>At most this many entries per <see cref="RegistryState"/> page.</summary>
    public const int PageSize = 50;

    /// <summary>An error in a page is cut to this length, so a page stays well under Akka.Remote's 128,000-byte frame.</summary>
    public const int MaxPageErrorLength = 500;

    private readonly SortedDictionary<string, (NodeVersion Entry, IActorRef Reporter)> _entries = new(StringComparer.Ordinal);

    /// <summary>How many nodes have an entry.</summary>
    public int Count => _entries.Count;

    /// <summary>Records <paramref name="report"/> from <paramref name="reporter"/>; false when it is older than the entry (ignored).</summary>
    public bool Record(VersionReport report, IActorRef reporter)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (_entries.TryGetValue(report.Node, out var held)
            && (report.Version < held.Entry.Version || report.Version == held.Entry.Version && report.At < held.Entry.At))
        {
            return false;
        }

        _entries[report.Node] = (new NodeVersion(report.Node, report.Version, report.At, report.Error), reporter);
        return true;
    }

    /// <summary>Forgets the entry of the node at <paramref name="address"/> (it left the cluster).</summary>
    public bool RemoveNode(string address) => _entries.Remove(address);

    /// <summary>Forgets every entry <paramref name="reporter"/> made (its subscription ended).</summary>
    public void RemoveReporter(IActorRef reporter)
    {
        foreach (var node in _entries.Where(e => e.Value.Reporter.Equals(reporter)).Select(e => e.Key).ToList())
        {
            _entries.Remove(node);
        }
    }

    /// <summary>The entries from <paramref name="from"/>, ordered by address, errors cut; whether more follow.</summary>
    public (ImmutableArray<NodeVersion> Page, bool More) Page(int from)
    {
        var page = _entries.Values
            .Skip(Math.Max(0, from))
            .Take(PageSize)
            .Select(e => e.Entry.Error is { Length: > MaxPageErrorLength } error ? e.Entry with { Error = error[..MaxPageErrorLength] + "..." } : e.Entry)
            .ToImmutableArray();
        return (page, Math.Max(0, from) + page.Length < _entries.Count);
    }
}
