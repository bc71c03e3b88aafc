using System.Collections.Concurrent;
using System.Collections.Immutable;
using Akka.Actor;
using Akka.Hosting;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Events;
using HotReloadCluster.Core.Parsing;
using HotReloadCluster.Core.Substitution;
using HotReloadCluster.Hosting;
using HotReloadCluster.Reloading;
using HotReloadCluster.Topics;
using HotReloadCluster.Watching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HotReloadCluster.Facade;

/// <summary>
/// The single-process API (the seed's <c>ConfigHotReloader</c>): watches files, validates and applies every
/// change through the actor pipeline, keeps the last good config on errors, and tells your handlers.
/// </summary>
/// <example>
/// <code>
/// await using var reloader = HotReloader.CreateHotReloader(["config/settings.yaml"], o => o.Validator = c => c.Find("database") is not null);
/// reloader.AddEventHandler(e => Console.WriteLine($"{e.Type} {e.Topic} v{e.Version}"));
/// await reloader.StartAsync();
/// var settings = reloader.GetConfig("config/settings.yaml");
/// </code>
/// </example>
public sealed partial class ConfigHotReloader : IAsyncDisposable
{
    private readonly TimeSpan _askTimeout;
    private readonly ConfigHotReloaderOptions _options;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ConfigParser _parser;
    private readonly object _gate = new();
    private readonly ConcurrentDictionary<string, (long Version, ConfigDocument Document)> _configs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _failedAtStart = new(StringComparer.Ordinal);
    private readonly ReloadStatisticsCollector _statistics = new();
    private ImmutableList<(Delegate Key, Func<ReloadEvent, Task> Invoke)> _handlers = [];
    private Running? _running;
    private bool _starting;
    private IActorRef _topics = ActorRefs.Nobody;
    private IActorRef _events = ActorRefs.Nobody;
    private ImmutableSortedDictionary<string, string> _pathByTopic = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Creates a reloader; nothing runs until <see cref="StartAsync"/>.</summary>
    public ConfigHotReloader(ConfigHotReloaderOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ConfigPaths.Count == 0)
        {
            throw new ArgumentException("At least one config path is required.", nameof(options));
        }

        _options = options;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<ConfigHotReloader>();
        _parser = new ConfigParser(options.Limits);
        Feed = new Configuration.ConfigFeed([], options.SectionPerTopic);

        // A reload waits for the apply hooks, so a command may take up to their timeout.
        _askTimeout = options.ApplyHookTimeout + TimeSpan.FromSeconds(10);
    }

    /// <summary>The options (read when it starts).</summary>
    internal ConfigHotReloaderOptions Options => _options;

    /// <summary>Whether the reloader is started.</summary>
    public bool IsRunning => _running is not null;

    /// <summary>
    /// Starts watching and waits (up to <see cref="ConfigHotReloaderOptions.StartTimeout"/>) for the initial load of every
    /// file. With the in-memory journal (the default) the reloader runs on the ActorSystem given in
    /// <see cref="ConfigHotReloaderOptions.ActorSystem"/> (the application's, see <c>services.AddHotReload</c>) or else on
    /// one minimal ActorSystem shared by every reloader of the process; with a SQL journal on a private one.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_running is not null || _starting)
            {
                throw new InvalidOperationException("The reloader is already running.");
            }

            _starting = true;
        }

        Running? running = null;
        try
        {
            running = _options.Persistence.Kind == PersistenceKind.InMemory
                ? StartOnSystem()
                : await StartPrivateHostAsync(cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                _running = running;
            }

            await WaitForInitialLoadAsync(cancellationToken).ConfigureAwait(false);

            // Handlers have seen the initial load's events before StartAsync returns.
            await FlushEventsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            lock (_gate)
            {
                _running = null;
            }

            if (running is not null)
            {
                await running.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }
        finally
        {
            lock (_gate)
            {
                _starting = false;
            }
        }
    }

    /// <summary>The actors of this reloader in a shared or the application's ActorSystem (in-memory journal).</summary>
    private Running StartOnSystem()
    {
        var engine = _options.ActorSystem is null ? LocalEngine.Acquire(_loggerFactory) : null;
        var system = _options.ActorSystem ?? engine!.System;
        var prefix = engine?.NextPrefix() ?? "hotreload-" + Guid.NewGuid().ToString("N")[..8];
        var (reload, roots) = HotReloadHostingExtensions.Prepare(HotReloadOptionsFor());
        var actors = new List<IActorRef>();
        _events = system.ActorOf(EventForwarderActor.Props(OnEventAsync), prefix + "-events");
        actors.Add(_events);
        _topics = system.ActorOf(
            TopicHostActor.Props(reload with
            {
                EventSink = _events,
                PersistenceIdPrefix = prefix + "/",
                JournalPluginId = LocalEngine.JournalPluginId,
                SnapshotPluginId = LocalEngine.SnapshotPluginId,
            }),
            prefix + "-topics");
        actors.Add(_topics);
        for (var i = 0; i < roots.Length; i++)
        {
            actors.Add(system.ActorOf(WatchRootActor.Props(roots[i], _topics), prefix + "-watch-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return new Running(null, engine, [.. actors]);
    }

    /// <summary>A private host and ActorSystem for a SQL journal (its plugin is configured for the whole system).</summary>
    private async Task<Running> StartPrivateHostAsync(CancellationToken cancellationToken)
    {
        var hotReload = HotReloadOptionsFor();
        var host = new HostBuilder()
            .ConfigureServices(services => services.AddSingleton(_loggerFactory).AddAkka("hotreload-" + Guid.NewGuid().ToString("N")[..8], (builder, _) =>
            {
                // Akka logs into the caller's ILoggerFactory (silent by default), never straight to stdout.
                builder.ConfigureLoggers(loggers =>
                {
                    loggers.LogLevel = Akka.Event.LogLevel.WarningLevel;
                    loggers.ClearLoggers();
                    loggers.AddLoggerFactory();
                });
                builder.AddHocon("akka.coordinated-shutdown.run-by-clr-shutdown-hook = off", HoconAddMode.Prepend);

                // The forwarder subscribes before any watcher or ReloadActor exists: no early event is missed.
                builder.WithActors((system, _) => _events = EventStreamActors.StartSubscribed(system, EventForwarderActor.Props(OnEventAsync), "events", typeof(ReloadEvent)));
                builder.WithHotReload(hotReload);
            }))
            .Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            _topics = ActorRegistry.For(host.Services.GetRequiredService<ActorSystem>()).Get<TopicHostActor>();
            return new Running(host, null, []);
        }
        catch
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            host.Dispose();
            throw;
        }
    }

    private HotReloadOptions HotReloadOptionsFor()
    {
        var hotReload = new HotReloadOptions
        {
            Debounce = _options.EffectiveDebounce(),
            Reload = _options.ToReloadSettings(),
            Persistence = _options.Persistence,
            Polling = _options.Polling,
            TimeProvider = _options.TimeProvider,
        };
        foreach (var path in _options.ConfigPaths)
        {
            hotReload.WatchPaths.Add(path);
        }

        return hotReload;
    }

    /// <summary>Stops watching; the last configs stay readable.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        Running? running;
        lock (_gate)
        {
            running = _running;
            _running = null;
        }

        if (running is null)
        {
            return;
        }

        await running.StopAsync(cancellationToken).ConfigureAwait(false);
        _topics = ActorRefs.Nobody;
        _events = ActorRefs.Nobody;
    }

    /// <summary>What a started reloader runs on: a private host, or its own actors in a shared or given ActorSystem.</summary>
    private sealed record Running(IHost? Host, LocalEngine? Engine, ImmutableArray<IActorRef> Actors)
    {
        public async Task StopAsync(CancellationToken cancellationToken = default)
        {
            if (Host is not null)
            {
                await Host.StopAsync(cancellationToken).ConfigureAwait(false);
                Host.Dispose();
                return;
            }

            // Watchers first (no new work), then the topics (their ReloadActors finish what they do), then the events.
            foreach (var actor in Actors.Reverse())
            {
                try
                {
                    await actor.GracefulStop(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is TaskCanceledException or AskTimeoutException)
                {
                    actor.Tell(PoisonPill.Instance);
                }
            }

            if (Engine is not null)
            {
                await Engine.ReleaseAsync().ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>Adds a handler called, in order, for every event. A throwing handler is logged and isolated.</summary>
    public void AddEventHandler(Action<ReloadEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        AddHandler(handler, e =>
        {
            handler(e);
            return Task.CompletedTask;
        });
    }

    /// <summary>Adds an asynchronous handler, awaited before the next event is handled.</summary>
    public void AddEventHandler(Func<ReloadEvent, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        AddHandler(handler, handler);
    }

    /// <summary>Removes a handler added with <see cref="AddEventHandler(Action{ReloadEvent})"/>.</summary>
    public bool RemoveEventHandler(Action<ReloadEvent> handler) => RemoveHandler(handler);

    /// <summary>Removes a handler added with <see cref="AddEventHandler(Func{ReloadEvent, Task})"/>.</summary>
    public bool RemoveEventHandler(Func<ReloadEvent, Task> handler) => RemoveHandler(handler);

    /// <summary>
    /// The current config of a file (its path as given, or its topic), with <c>${VAR}</c> resolved; null when
    /// the file has no valid version yet.
    /// </summary>
    public ConfigDocument? GetConfig(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return _configs.TryGetValue(TopicOf(path), out var entry) ? entry.Document : null;
    }

    /// <summary>
    /// The current config of a file (its path as given, or its topic) bound to <typeparamref name="T"/> with the keys
    /// IConfiguration would give it (<c>database:host</c> binds <c>Database.Host</c>); null when it has no valid version.
    /// </summary>
    public T? GetConfig<T>(string path)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(path);
        return Feed.Bind<T>(TopicOf(path));
    }

    /// <summary>Every applied version of every file, in order per file (observers are called on a background thread).</summary>
    public IObservable<Subscriptions.ConfigUpdate> Updates => Feed;

    /// <summary>The current version of a file (if any), then every new one, until <paramref name="cancellationToken"/> is cancelled.</summary>
    public IAsyncEnumerable<Subscriptions.ConfigUpdate> ReadAllAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Feed.ReadAllAsync(TopicOf(path), cancellationToken);
    }

    /// <summary>The applied versions as the configuration providers read them (every topic, keys merged at the root).</summary>
    internal Configuration.ConfigFeed Feed { get; }

    /// <summary>Every current config by file path.</summary>
    public IReadOnlyDictionary<string, ConfigDocument> GetAllConfigs() =>
        _configs.ToImmutableSortedDictionary(
            pair => _pathByTopic.TryGetValue(pair.Key, out var file) ? file : pair.Key,
            pair => pair.Value.Document,
            StringComparer.Ordinal);

    /// <summary>The reload statistics since start (empty when statistics are disabled).</summary>
    public ReloadStatistics GetStatistics() => _statistics.Snapshot();

    /// <summary>Reloads one file (or every file when <paramref name="path"/> is null) now, even when pinned.</summary>
    public Task<IReadOnlyList<ReloadOutcome>> ManualReloadAsync(string? path = null, CancellationToken cancellationToken = default) =>
        ForTopicsAsync(path, topic => new ManualReload(topic, "api"), cancellationToken);

    /// <summary>Rolls one file (or every file) back to its initial version, as a new version; the topic stays pinned until its file changes.</summary>
    public Task<IReadOnlyList<ReloadOutcome>> RollbackToInitialAsync(string? path = null, CancellationToken cancellationToken = default) =>
        ForTopicsAsync(path, topic => Reloading.Rollback.ToInitial(topic, "api"), cancellationToken);

    /// <summary>Rolls one file back to <paramref name="version"/>, as a new version.</summary>
    public async Task<ReloadOutcome> RollbackAsync(string path, long version, CancellationToken cancellationToken = default) =>
        (await ForTopicsAsync(path, topic => Reloading.Rollback.To(topic, version, "api"), cancellationToken).ConfigureAwait(false))[0];

    /// <summary>The history of one file: every version and rejected attempt.</summary>
    public async Task<TopicHistory> GetHistoryAsync(string path, CancellationToken cancellationToken = default)
    {
        var reply = await RunningTopics().Ask<object>(new GetHistory(TopicOf(path)), _askTimeout, cancellationToken).ConfigureAwait(false);
        return reply as TopicHistory ?? throw new ArgumentException($"No watched file defines '{path}'.", nameof(path));
    }

    private IActorRef RunningTopics() => IsRunning ? _topics : throw new InvalidOperationException("The reloader is not running.");

    private async Task<IReadOnlyList<ReloadOutcome>> ForTopicsAsync(string? path, Func<string, object> command, CancellationToken cancellationToken)
    {
        var topics = path is null ? [.. _pathByTopic.Keys] : new[] { TopicOf(path) };
        var outcomes = new List<ReloadOutcome>(topics.Length);
        foreach (var topic in topics)
        {
            var reply = await RunningTopics().Ask<object>(command(topic), _askTimeout, cancellationToken).ConfigureAwait(false);
            if (reply is not ReloadOutcome outcome)
            {
                throw new ArgumentException($"No watched file defines '{topic}'.", nameof(path));
            }

            outcomes.Add(outcome);
            await RefreshAsync(topic, cancellationToken).ConfigureAwait(false);

            // The actor published its events before it replied: let the handlers and statistics see them first.
            await FlushEventsAsync(cancellationToken).ConfigureAwait(false);
        }

        return outcomes;
    }

    /// <summary>Completes when every event published so far has been handled.</summary>
    private async Task FlushEventsAsync(CancellationToken cancellationToken)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _events.Tell(new EventForwarderActor.Flush(flushed));
        await flushed.Task.WaitAsync(_askTimeout, cancellationToken).ConfigureAwait(false);
    }

    private string TopicOf(string path)
    {
        var full = Path.GetFullPath(path);
        foreach (var (topic, file) in _pathByTopic)
        {
            if (string.Equals(file, full, StringComparison.Ordinal))
            {
                return topic;
            }
        }

        return path;
    }

    private async Task WaitForInitialLoadAsync(CancellationToken cancellationToken)
    {
        var expected = ExpectedTopics();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.StartTimeout);
        try
        {
            while (true)
            {
                var list = await _topics.Ask<TopicList>(GetTopics.Instance, _askTimeout, timeout.Token).ConfigureAwait(false);
                _pathByTopic = list.Topics;
                if (expected.All(list.Topics.ContainsKey))
                {
                    break;
                }

                await Task.Delay(10, timeout.Token).ConfigureAwait(false);
            }

            foreach (var topic in _pathByTopic.Keys)
            {
                while (!await RefreshAsync(topic, timeout.Token).ConfigureAwait(false) && !_failedAtStart.ContainsKey(topic))
                {
                    await Task.Delay(10, timeout.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The initial load did not finish within {_options.StartTimeout}.");
        }
    }

    /// <summary>The topics the watched paths define now (two files of one topic count once).</summary>
    private ImmutableHashSet<string> ExpectedTopics()
    {
        var topics = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var raw in _options.ConfigPaths)
        {
            var full = Path.GetFullPath(raw);
            if (Directory.Exists(full))
            {
                topics.UnionWith(TopicNaming.EnumerateTopicFiles(full).Select(file => TopicNaming.TopicFor(full, file)));
            }
            else if (File.Exists(full))
            {
                topics.Add(TopicNaming.TopicFor(Path.GetDirectoryName(full)!, full));
            }
        }

        return topics.ToImmutable();
    }

    /// <summary>Reads the topic's current version from its actor into the cache; false when it has none.</summary>
    private async Task<bool> RefreshAsync(string topic, CancellationToken cancellationToken)
    {
        var reply = await _topics.Ask<object>(new GetCurrentContent(topic), _askTimeout, cancellationToken).ConfigureAwait(false);
        if (reply is not CurrentContent { Current: { } current })
        {
            return false;
        }

        var parsed = _parser.Parse(current.Content, current.Format, current.Topic);
        if (!parsed.IsSuccess)
        {
            return false;
        }

        var resolved = VariableSubstitution.Resolve(parsed.Document!, _options.Variables);
        if (resolved.IsSuccess)
        {
            Store(topic, current.Version, resolved.Resolved!);
        }

        return true;
    }

    private void Store(string topic, long version, ConfigDocument document) =>
        _configs.AddOrUpdate(topic, (version, document), (_, old) => old.Version >= version ? old : (version, document));

    private async Task OnEventAsync(ReloadEvent reloadEvent)
    {
        if (reloadEvent.FilePath is { } file && !_pathByTopic.ContainsKey(reloadEvent.Topic))
        {
            // A file created after start: GetConfig(path) and ManualReloadAsync() know it from now on.
            ImmutableInterlocked.Update(ref _pathByTopic, map => map.SetItem(reloadEvent.Topic, file));
        }

        if (_options.StatsEnabled)
        {
            _statistics.Record(reloadEvent);
        }

        if (reloadEvent is { Type: ReloadEventType.ReloadSuccess or ReloadEventType.RollbackSuccess, Version: { } version, NewConfig: { } config })
        {
            Store(reloadEvent.Topic, version, config);
            var origin = new ConfigOrigin(reloadEvent.Type == ReloadEventType.RollbackSuccess ? OriginKind.Rollback : OriginKind.File, reloadEvent.FilePath);
            var hash = reloadEvent.Metadata.TryGetValue(ReloadEventMetadata.Hash, out var h) ? h : string.Empty;
            Feed.Offer(new Subscriptions.ConfigUpdate(reloadEvent.Topic, version, config, [], origin, hash), check: false);
        }
        else if (reloadEvent.Type is ReloadEventType.ReloadFailed or ReloadEventType.ValidationFailed)
        {
            _failedAtStart.TryAdd(reloadEvent.Topic, 0);
        }

        foreach (var (_, invoke) in _handlers)
        {
            try
            {
                await invoke(reloadEvent).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A handler is user code: its failure is logged and must not stop the others.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogHandlerFailed(_logger, ex, reloadEvent.Type, reloadEvent.Topic);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Event handler failed on {EventType} for {Topic}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, ReloadEventType eventType, string topic);

    private void AddHandler(Delegate key, Func<ReloadEvent, Task> invoke)
    {
        lock (_gate)
        {
            _handlers = _handlers.Add((key, invoke));
        }
    }

    private bool RemoveHandler(Delegate key)
    {
        lock (_gate)
        {
            var index = _handlers.FindIndex(h => h.Key.Equals(key));
            if (index < 0)
            {
                return false;
            }

            _handlers = _handlers.RemoveAt(index);
            return true;
        }
    }
}
