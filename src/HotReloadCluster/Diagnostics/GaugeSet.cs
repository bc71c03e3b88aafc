using System.Collections.Concurrent;

namespace HotReloadCluster.Diagnostics;

/// <summary>
/// Values read by an observable gauge, by key (a topic, a root). Each value belongs to the actor that registered it:
/// an actor's incarnation that stops releases only its own slot, never the one its successor already registered.
/// </summary>
internal sealed class GaugeSet
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    /// <summary>Takes <paramref name="key"/> for a new owner, starting at <paramref name="value"/>.</summary>
    public Slot Register(string key, long value = 0)
    {
        var slot = new Slot(value);
        _slots[key] = slot;
        return slot;
    }

    /// <summary>Gives <paramref name="key"/> up, if <paramref name="slot"/> still holds it.</summary>
    public void Release(string key, Slot slot) => _slots.TryRemove(new KeyValuePair<string, Slot>(key, slot));

    /// <summary>The current values.</summary>
    public IEnumerable<(string Key, long Value)> Read() => _slots.Select(pair => (pair.Key, pair.Value.Value));

    /// <summary>One owner's value.</summary>
    internal sealed class Slot(long value)
    {
        private long _value = value;

        /// <summary>The value (written by the owning actor, read by the meter's collection).</summary>
        public long Value
        {
            get => Interlocked.Read(ref _value);
            set => Interlocked.Exchange(ref _value, value);
        }
    }
}
