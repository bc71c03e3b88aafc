using HotReloadCluster.Hosting;
using Akka.Actor;
using Akka.Event;
using HotReloadCluster.Debouncing;
using HotReloadCluster.Reloading;

namespace HotReloadCluster.Watching;

/// <summary>
/// Watches one topic file on behalf of its root's watcher: makes sure the topic's ReloadActor runs, and turns
/// raw events into debounced activity. Events that name the file are forwarded at once; events near it
/// (same folder, watcher overflow, polling) re-hash the file and are forwarded only when its content changed,
/// which is how rename-saves and Kubernetes ConfigMap <c>..data</c> swaps are seen. A change of the topic's
/// <c>&lt;name&gt;.schema.json</c> alone asks for the file to be evaluated again (a fixed schema applies the file).
/// </summary>
public sealed class FileWatcherActor : ReceiveActor, IWithTimers
{
    private const string Unknown = "unknown";
    private readonly string _topic;
    private readonly string _path;
    private readonly IActorRef _target;
    private readonly WatchRootSettings _settings;
    private readonly string[] _roots;
    private readonly string _schemaPath;
    private IActorRef _debouncer = ActorRefs.Nobody;
    private string? _lastHash = Unknown;
    private string? _lastSchemaHash;

    /// <summary>Creates the actor; use <see cref="Props"/>.</summary>
    public FileWatcherActor(string topic, string path, IActorRef target, WatchRootSettings settings)
    {
        _topic = topic;
        _path = path;
        _target = target;
        _settings = settings;
        _roots = [settings.Root];
        _schemaPath = Core.Validation.SchemaConvention.SchemaPathFor(path);
        Receive<FileTouched>(_ =>
        {
            _lastHash = Unknown;
            _debouncer.Tell(FileActivity.Instance);
        });
        Receive<TopicEnsured>(ensured =>
        {
            Timers.Cancel(EnsureTimer);
            _ensureDelay = TimeSpan.Zero;
            if (!string.Equals(ensured.FilePath, _path, StringComparison.Ordinal))
            {
                Context.GetLogger().Warning("Topic {0} is read from {1}; {2} maps to the same topic and is not applied (rename one of them)", _topic, ensured.FilePath, _path);
            }
        });
        Receive<EnsureTick>(_ => Ensure());
        Receive<EnsureAgain>(_ => Ensure());
        Receive<CheckForChange>(_ =>
        {
            var hash = FileRead.HashOf(_path, _roots);
            var schemaHash = FileRead.HashOf(_schemaPath, _roots);
            if (!string.Equals(schemaHash, _lastSchemaHash, StringComparison.Ordinal))
            {
                // The schema changed: the file is evaluated again even if its content was already rejected.
                _lastSchemaHash = schemaHash;
                _lastHash = hash;
                _debouncer.Tell(SchemaActivity.Instance);
            }
            else if (!string.Equals(hash, _lastHash, StringComparison.Ordinal))
            {
                _lastHash = hash;
                _debouncer.Tell(FileActivity.Instance);
            }
        });
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for a file's watcher (always local).</summary>
    public static Props Props(string topic, string path, IActorRef target, WatchRootSettings settings) =>
        ActorFactory<FileWatcherActor>.Props(() => new FileWatcherActor(topic, path, target, settings)).WithDeploy(Deploy.Local);

    /// <inheritdoc />
    protected override void PreStart()
    {
        _lastHash = FileRead.HashOf(_path, _roots);
        _lastSchemaHash = FileRead.HashOf(_schemaPath, _roots);
        _debouncer = Context.ActorOf(DebouncerActor.Props(_topic, _path, _target, _settings.Debounce, _settings.TimeProvider).WithCompactMailbox(Context.System), "debouncer");
        Ensure();
        base.PreStart();
    }

    private const string EnsureTimer = "ensure";
    private static readonly TimeSpan MaxEnsureDelay = TimeSpan.FromSeconds(30);
    private TimeSpan _ensureDelay;

    /// <summary>Asks that the topic's ReloadActor runs, and asks again (1 s doubling to 30 s) until it answers.</summary>
    private void Ensure()
    {
        _target.Tell(new EnsureTopic(_topic, _path));
        _ensureDelay = _ensureDelay == TimeSpan.Zero ? TimeSpan.FromSeconds(1) : TimeSpan.FromTicks(Math.Min(_ensureDelay.Ticks * 2, MaxEnsureDelay.Ticks));
        Timers.StartSingleTimer(EnsureTimer, EnsureTick.Instance, _ensureDelay);
    }

    private sealed record EnsureTick
    {
        public static readonly EnsureTick Instance = new();

        private EnsureTick()
        {
        }
    }
}
