using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Subscriptions;
using Microsoft.Extensions.Configuration;

namespace HotReloadCluster.Configuration;

/// <summary>
/// The current version of each topic of a configuration source, fed by the actors that apply versions, read by the
/// IConfiguration provider and by plain code. Each accepted version changes the provider's data once and fires its
/// change token once; a version refused by the application's checks changes nothing.
/// </summary>
internal sealed class ConfigFeed : IHotReloadConfig, IObservable<ConfigUpdate>
{
    private readonly ConcurrentDictionary<string, ConfigUpdate> _current = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private ImmutableList<IObserver<ConfigUpdate>> _observers = [];
    private IReadOnlyDictionary<string, string?> _data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Creates a feed for <paramref name="topics"/> (their keys merge in this order, a later topic winning), or, when
    /// empty, for whatever topics it is offered (merged in ordinal order of their names).
    /// </summary>
    public ConfigFeed(IEnumerable<string> topics, bool sectionPerTopic)
    {
        _fixedTopics = [.. topics];
        SectionPerTopic = sectionPerTopic;
    }

    private readonly IReadOnlyList<string> _fixedTopics;

    /// <inheritdoc />
    public IReadOnlyList<string> Topics => _fixedTopics.Count > 0 ? _fixedTopics : [.. _current.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Whether each topic's keys go under a section named after the topic (else all at the root).</summary>
    public bool SectionPerTopic { get; }

    /// <summary>Raised after the data changed (the provider reloads).</summary>
    public event Action? Changed;

    /// <summary>Checks a candidate before it becomes visible: returns the errors, or null to accept. Set by the host.</summary>
    public Func<IReadOnlyDictionary<string, string?>, string?>? Check { get; set; }

    /// <inheritdoc />
    public IObservable<ConfigUpdate> Updates => this;

    /// <summary>The flattened keys and values of every topic, as the provider exposes them.</summary>
    public IReadOnlyDictionary<string, string?> Data => _data;

    /// <summary>Whether every topic has a version that is not stale (the cluster confirmed it).</summary>
    public bool AllConfirmed => Topics.All(t => _current.TryGetValue(t, out var u) && !u.Stale);

    /// <inheritdoc />
    public ConfigUpdate? Current(string topic) => _current.TryGetValue(topic, out var update) ? update : null;

    /// <inheritdoc />
    public T? Bind<T>(string topic)
        where T : class, new()
    {
        if (Current(topic) is not { } update)
        {
            return null;
        }

        var value = new T();
        new ConfigurationBuilder().AddInMemoryCollection(update.Config.Flatten()).Build().Bind(value);
        return value;
    }

    /// <summary>
    /// Offers a version: the data it would give is checked (<see cref="Check"/>) and, if accepted, becomes current and
    /// observers and the provider are told. Returns the errors of a refused version, or null.
    /// </summary>
    public string? Offer(ConfigUpdate update, bool check = true)
    {
        ArgumentNullException.ThrowIfNull(update);
        IReadOnlyDictionary<string, string?> candidate;
        lock (_gate)
        {
            // Never backwards, except away from a stale cached version: the cluster's version replaces it whatever its
            // number (the cluster's journal may have been reset, or the cache written by another cluster).
            if (_current.TryGetValue(update.Topic, out var existing) && (existing.Version > update.Version && !existing.Stale || existing == update))
            {
                return null;
            }

            var next = new Dictionary<string, ConfigUpdate>(_current, StringComparer.Ordinal) { [update.Topic] = update };
            candidate = Flatten(next);
            if (check && !update.Stale && Check?.Invoke(candidate) is { } errors)
            {
                return errors;
            }

            _current[update.Topic] = update;
            _data = candidate;
        }

        Changed?.Invoke();
        foreach (var observer in _observers)
        {
            observer.OnNext(update);
        }

        return null;
    }

    /// <summary>
    /// The errors the application's checks (<see cref="Check"/>) find in what the provider would show with
    /// <paramref name="document"/> as <paramref name="topic"/>'s config, or null when it passes (or nothing checks).
    /// </summary>
    public string? CheckCandidate(string topic, ConfigDocument document)
    {
        if (Check is not { } check)
        {
            return null;
        }

        var next = new Dictionary<string, ConfigUpdate>(_current, StringComparer.Ordinal)
        {
            [topic] = new ConfigUpdate(topic, long.MaxValue, document, [], new Reloading.ConfigOrigin(Reloading.OriginKind.File), string.Empty),
        };
        return check(Flatten(next));
    }

    /// <inheritdoc />
    public IDisposable Subscribe(IObserver<ConfigUpdate> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_gate)
        {
            _observers = _observers.Add(observer);
        }

        return new Unsubscriber(this, observer);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ConfigUpdate> ReadAllAsync(string topic, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<ConfigUpdate>(new UnboundedChannelOptions { SingleReader = true });
        using var subscription = Subscribe(new ChannelObserver(channel.Writer, topic));
        var last = 0L;
        var lastStale = false;
        if (Current(topic) is { } current)
        {
            last = current.Version;
            lastStale = current.Stale;
            yield return current;
        }

        await foreach (var update in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            // Forward only; a stale cached version is replaced by whatever the cluster has.
            if (update.Version > last || update is { Stale: false } && (update.Version == last || lastStale))
            {
                last = update.Version;
                lastStale = update.Stale;
                yield return update;
            }
        }
    }

    private Dictionary<string, string?> Flatten(Dictionary<string, ConfigUpdate> topics)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var topic in _fixedTopics.Count > 0 ? _fixedTopics : [.. topics.Keys.Order(StringComparer.Ordinal)])
        {
            if (!topics.TryGetValue(topic, out var update))
            {
                continue;
            }

            var prefix = SectionPerTopic ? topic.Replace('/', ':') + ":" : string.Empty;
            foreach (var (key, value) in update.Config.Flatten())
            {
                data[prefix + key] = value;
            }
        }

        return data;
    }

    private sealed class Unsubscriber(ConfigFeed feed, IObserver<ConfigUpdate> observer) : IDisposable
    {
        public void Dispose()
        {
            lock (feed._gate)
            {
                feed._observers = feed._observers.Remove(observer);
            }
        }
    }

    private sealed class ChannelObserver(ChannelWriter<ConfigUpdate> writer, string topic) : IObserver<ConfigUpdate>
    {
        public void OnCompleted() => writer.TryComplete();

        public void OnError(Exception error) => writer.TryComplete(error);

        public void OnNext(ConfigUpdate value)
        {
            if (value.Topic == topic)
            {
                writer.TryWrite(value);
            }
        }
    }
}
