using System.Collections.Concurrent;
using Akka.Actor;

namespace HotReloadCluster.Content;

/// <summary>
/// This node's contents by hash (an ActorSystem extension): what a subscriber or the admin endpoint fetched is kept,
/// least recently used first out, within a byte budget (64 MiB by default), so a node fetches a content once however
/// many of its actors need it, and never again while it is kept (a rollback to a version it had costs no transfer).
/// Concurrent fetches of one hash share one transfer.
/// </summary>
internal sealed class ContentCache : IExtension
{
    /// <summary>The default budget.</summary>
    public const long DefaultBudgetBytes = 64L * 1024 * 1024;

    private readonly object _gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Hash, byte[] Bytes)>> _byHash = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Hash, byte[] Bytes)> _lru = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<byte[]>>> _inFlight = new(StringComparer.Ordinal);
    private long _bytes;
    private long _transfers;

    /// <summary>Creates a cache with <paramref name="budgetBytes"/>.</summary>
    public ContentCache(long budgetBytes = DefaultBudgetBytes)
    {
        BudgetBytes = budgetBytes;
    }

    /// <summary>How many bytes it may keep.</summary>
    public long BudgetBytes { get; }

    /// <summary>How many contents were transferred from another node (for tests and metrics).</summary>
    public long Transfers => Interlocked.Read(ref _transfers);

    /// <summary>The cache of <paramref name="system"/>.</summary>
    public static ContentCache Get(ActorSystem system) => system.WithExtension<ContentCache, ContentCacheProvider>();

    /// <summary>The content with <paramref name="hash"/>, if kept.</summary>
    public bool TryGet(string hash, out byte[] bytes)
    {
        lock (_gate)
        {
            if (_byHash.TryGetValue(hash, out var node))
            {
                _lru.Remove(node);
                _lru.AddFirst(node);
                bytes = node.Value.Bytes;
                return true;
            }
        }

        bytes = [];
        return false;
    }

    /// <summary>Keeps <paramref name="bytes"/> (whose hash the caller checked) as <paramref name="hash"/>.</summary>
    public void Put(string hash, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.LongLength > BudgetBytes)
        {
            return;
        }

        lock (_gate)
        {
            if (_byHash.ContainsKey(hash))
            {
                return;
            }

            _byHash[hash] = _lru.AddFirst((hash, bytes));
            _bytes += bytes.LongLength;
            while (_bytes > BudgetBytes && _lru.Last is { } oldest)
            {
                _lru.RemoveLast();
                _byHash.Remove(oldest.Value.Hash);
                _bytes -= oldest.Value.Bytes.LongLength;
            }
        }
    }

    /// <summary>The kept content, or the result of <paramref name="fetch"/>, run once however many callers wait for it.</summary>
    public async Task<byte[]> GetOrFetchAsync(string hash, Func<Task<byte[]>> fetch)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        if (TryGet(hash, out var kept))
        {
            return kept;
        }

        var lazy = _inFlight.GetOrAdd(hash, _ => new Lazy<Task<byte[]>>(async () =>
        {
            try
            {
                var bytes = await fetch().ConfigureAwait(false);
                Interlocked.Increment(ref _transfers);
                Put(hash, bytes);
                return bytes;
            }
            finally
            {
                _inFlight.TryRemove(hash, out Lazy<Task<byte[]>>? _);
            }
        }));
        return await lazy.Value.ConfigureAwait(false);
    }

    private sealed class ContentCacheProvider : ExtensionIdProvider<ContentCache>
    {
        public override ContentCache CreateExtension(ExtendedActorSystem system) => new();
    }
}
