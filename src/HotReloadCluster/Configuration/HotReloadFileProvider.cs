using HotReloadCluster.Core.Events;
using HotReloadCluster.Facade;
using HotReloadCluster.Topics;
using Microsoft.Extensions.Configuration;

namespace HotReloadCluster.Configuration;

/// <summary>
/// The provider of a <see cref="HotReloadFileSource"/>: a <see cref="ConfigHotReloader"/> on the process's shared
/// minimal ActorSystem, whose applied versions become this provider's data.
/// </summary>
internal sealed class HotReloadFileProvider : ConfigurationProvider, IDisposable, IHotReloadProvider
{
    private readonly HotReloadFileSource _source;
    private readonly object _gate = new();
    private readonly Dictionary<string, string> _startErrors = new(StringComparer.Ordinal);
    private ConfigHotReloader? _reloader;
    private bool _disposed;

    public HotReloadFileProvider(HotReloadFileSource source)
    {
        _source = source;
        Options = new ConfigHotReloaderOptions { Debounce = HotReloadFileSource.DefaultDebounce };
        Options.ConfigPaths.Add(source.Path);
        source.Configure?.Invoke(Options);
        Options.SectionPerTopic = source.SectionPerTopic;
        Options.CandidateCheck = (topic, document) => Feed?.CheckCandidate(topic, document);
        _reloader = null;
        Feed = null!;
    }

    /// <summary>The options the reloader runs with.</summary>
    public ConfigHotReloaderOptions Options { get; }

    /// <inheritdoc />
    public ConfigFeed Feed { get; private set; }

    /// <inheritdoc />
    public override void Load()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_reloader is null)
            {
                Start();
            }

            Data = new Dictionary<string, string?>(Feed.Data, StringComparer.OrdinalIgnoreCase);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        ConfigHotReloader? reloader;
        lock (_gate)
        {
            _disposed = true;
            reloader = _reloader;
            _reloader = null;
        }

        reloader?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <inheritdoc />
    public override string ToString() => $"{GetType().Name} for '{_source.Path}' ({(_source.Optional ? "Optional" : "Required")})";

    private void Start()
    {
        var full = Path.GetFullPath(_source.Path);
        var isFolder = Directory.Exists(full);
        if (!_source.Optional && !isFolder && !File.Exists(full))
        {
            throw new FileNotFoundException($"The configuration file '{full}' was not found and is not optional.", full);
        }

        var reloader = new ConfigHotReloader(Options);
        Feed = reloader.Feed;
        reloader.AddEventHandler(OnEvent);
        Feed.Changed += OnFeedChanged;

        // Configuration is built synchronously (AddJsonFile reads its file the same way).
        reloader.StartAsync().GetAwaiter().GetResult();
        _reloader = reloader;
        if (_source.Optional || isFolder)
        {
            return;
        }

        var topic = TopicNaming.TopicFor(Path.GetDirectoryName(full)!, full);
        if (reloader.GetConfig(full) is null)
        {
            reloader.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _reloader = null;
            var error = _startErrors.TryGetValue(topic, out var e) ? e : "no valid version";
            throw new InvalidDataException($"The configuration file '{full}' is not valid and is not optional: {error}");
        }
    }

    private void OnEvent(ReloadEvent reloadEvent)
    {
        if (reloadEvent.Type is ReloadEventType.ReloadFailed or ReloadEventType.ValidationFailed && reloadEvent.Error is { } error)
        {
            lock (_startErrors)
            {
                _startErrors[reloadEvent.Topic] = error;
            }
        }
    }

    private void OnFeedChanged()
    {
        Data = new Dictionary<string, string?>(Feed.Data, StringComparer.OrdinalIgnoreCase);
        OnReload();
    }
}
