using System.Text;
using Akka.Actor;
using HotReloadCluster.Content;

namespace HotReloadCluster.Reloading;

/// <summary>
/// Serves <see cref="FetchContent"/> for a ReloadActor: the current version's content from memory, an older kept
/// version's from a small cache (4 contents, 32 MiB) filled by reading its event back from the journal (requests wait
/// for that read). Nothing but the current content and the few older ones last read is held.
/// </summary>
internal sealed class ContentServer
{
    private readonly string _topic;
    private readonly Dictionary<long, List<(FetchContent Request, IActorRef ReplyTo)>> _waiting = [];
    private ConfigApplied? _current;
    private byte[]? _currentBytes;
    private readonly LinkedList<(string Hash, byte[] Bytes)> _recent = new();
    private long _recentBytes;

    /// <summary>At most this many older contents are kept (two concurrent fetches of old versions do not evict each other).</summary>
    public const int RecentSlots = 4;

    /// <summary>And at most this many bytes of them.</summary>
    public const long RecentBytes = 32L * 1024 * 1024;

    public ContentServer(string topic)
    {
        _topic = topic;
    }

    /// <summary>The current version changed.</summary>
    public void SetCurrent(ConfigApplied? current)
    {
        if (!ReferenceEquals(current, _current))
        {
            _current = current;
            _currentBytes = null;
        }
    }

    /// <summary>The bytes of <paramref name="hash"/>, if held.</summary>
    public byte[]? Find(string hash)
    {
        if (_current is { } current && string.Equals(current.Hash, hash, StringComparison.Ordinal))
        {
            return _currentBytes ??= Encoding.UTF8.GetBytes(current.Content);
        }

        for (var node = _recent.First; node is not null; node = node.Next)
        {
            if (string.Equals(node.Value.Hash, hash, StringComparison.Ordinal))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
                return node.Value.Bytes;
            }
        }

        return null;
    }

    /// <summary>The content of an older version, just read from the journal: kept among the few most recent.</summary>
    public void Remember(string hash, string content)
    {
        if (Find(hash) is not null)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(content);
        _recent.AddFirst((hash, bytes));
        _recentBytes += bytes.LongLength;
        while (_recent.Count > 1 && (_recent.Count > RecentSlots || _recentBytes > RecentBytes))
        {
            _recentBytes -= _recent.Last!.Value.Bytes.LongLength;
            _recent.RemoveLast();
        }
    }

    /// <summary>
    /// Answers <paramref name="request"/> if the content is held; otherwise, if <paramref name="stored"/> names the kept
    /// version with that content, queues the request and returns true when a journal read must start (the first waiter).
    /// </summary>
    public bool Serve(FetchContent request, IActorRef replyTo, VersionInfo? stored)
    {
        if (Find(request.Hash) is { } bytes)
        {
            replyTo.Tell(Chunk(request, bytes));
            return false;
        }

        if (stored is null)
        {
            replyTo.Tell(new ContentUnavailable(_topic, request.Hash, "no kept version has this content (never applied, or deleted by retention)"));
            return false;
        }

        if (_waiting.TryGetValue(stored.SequenceNr, out var queue))
        {
            queue.Add((request, replyTo));
            return false;
        }

        _waiting[stored.SequenceNr] = [(request, replyTo)];
        return true;
    }

    /// <summary>A journal read finished: answers the requests that waited for it.</summary>
    public void Completed(long sequenceNr, ConfigApplied? applied, string? error)
    {
        if (applied is not null)
        {
            Remember(applied.Hash, applied.Content);
        }

        if (!_waiting.Remove(sequenceNr, out var queue))
        {
            return;
        }

        foreach (var (request, replyTo) in queue)
        {
            replyTo.Tell(Find(request.Hash) is { } bytes
                ? Chunk(request, bytes)
                : new ContentUnavailable(_topic, request.Hash, error ?? "the version's event holds other content"));
        }
    }

    private object Chunk(FetchContent request, byte[] bytes)
    {
        if (request.Offset < 0 || request.Offset > bytes.LongLength)
        {
            return new ContentUnavailable(_topic, request.Hash, "offset beyond the content");
        }

        var length = (int)Math.Min(Math.Clamp(request.MaxBytes, 1, ContentChunk.MaxBytes), bytes.LongLength - request.Offset);
        return new ContentChunk(_topic, request.Hash, request.Offset, bytes.LongLength, bytes.AsSpan((int)request.Offset, length).ToArray());
    }
}
