using HotReloadCluster.Hosting;
using Akka.Actor;
using HotReloadCluster.Debouncing;
using HotReloadCluster.Reloading;
using HotReloadCluster.Topics;

namespace HotReloadCluster.Watching;

/// <summary>
/// Watches one topic's file on behalf of its root's watcher: makes sure the topic's ReloadActor runs, and turns raw
/// events into debounced activity. Events that name one of the topic's files are forwarded at once; events near it
/// (same folder, watcher overflow, polling) re-hash the file and are forwarded only when something changed, which is
/// how rename-saves and Kubernetes ConfigMap <c>..data</c> swaps are seen. "Something" is the file the rule in
/// <see cref="TopicFiles"/> picks, its content, and the other files that claim the topic (a collision). A change of
/// the topic's <c>&lt;name&gt;.schema.json</c> alone asks for the file to be evaluated again (a fixed schema applies
/// the file). When no file of the topic is left, the change is forwarded (the ReloadActor records the deletion and
/// keeps the last version) and, once the debounce is over, the watcher asks its root to forget the topic.
/// </summary>
internal sealed class FileWatcherActor : ReceiveActor, IWithTimers
{
    private const string Unknown = "unknown";
    private const string EnsureTimer = "ensure";
    private const string ForgetTimer = "forget";
    private static readonly TimeSpan MaxEnsureDelay = TimeSpan.FromSeconds(30);
    private readonly string _topic;
    private readonly IActorRef _target;
    private readonly WatchRootSettings _settings;
    private readonly string[] _roots;
    private readonly TopicFiles _files;
    private string _path;
    private IActorRef _debouncer = ActorRefs.Nobody;
    private string? _lastSignature = Unknown;
    private string? _lastSchemaHash;
    private TimeSpan _ensureDelay;

    /// <summary>Creates the actor; use <see cref="Props"/>.</summary>
    public FileWatcherActor(string topic, string path, IActorRef target, WatchRootSettings settings)
    {
        _topic = topic;
        _path = path;
        _target = target;
        _settings = settings;
        _roots = [settings.Root];
        _files = new TopicFiles([new TopicRoot(settings.Root, settings.OnlyFiles)]);
        Receive<FileTouched>(_ =>
        {
            _lastSignature = Unknown;
            _debouncer.Tell(FileActivity.Instance);
            WatchForDeletion(_files.Resolve(_topic) is null ? null : Unknown);
        });
        Receive<TopicEnsured>(_ =>
        {
            Timers.Cancel(EnsureTimer);
            _ensureDelay = TimeSpan.Zero;
        });
        Receive<EnsureTick>(_ => Ensure());
        Receive<EnsureAgain>(_ => Ensure());
        Receive<CheckForChange>(_ =>
        {
            var signature = Signature();
            var schemaHash = FileRead.HashOf(Core.Validation.SchemaConvention.SchemaPathFor(_path), _roots);
            if (!string.Equals(schemaHash, _lastSchemaHash, StringComparison.Ordinal))
            {
                // The schema changed: the file is evaluated again even if its content was already rejected.
                _lastSchemaHash = schemaHash;
                _lastSignature = signature;
                _debouncer.Tell(SchemaActivity.Instance);
            }
            else if (!string.Equals(signature, _lastSignature, StringComparison.Ordinal))
            {
                _lastSignature = signature;
                _debouncer.Tell(FileActivity.Instance);
            }

            WatchForDeletion(signature);
        });
        Receive<ForgetTick>(_ =>
        {
            if (Signature() is null)
            {
                Context.Parent.Tell(new ForgetTopic(_topic));
            }
        });
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for a topic's watcher (always local).</summary>
    public static Props Props(string topic, string path, IActorRef target, WatchRootSettings settings) =>
        ActorFactory<FileWatcherActor>.Props(() => new FileWatcherActor(topic, path, target, settings)).WithDeploy(Deploy.Local);

    /// <inheritdoc />
    protected override void PreStart()
    {
        _lastSignature = Signature();
        _lastSchemaHash = FileRead.HashOf(Core.Validation.SchemaConvention.SchemaPathFor(_path), _roots);
        _debouncer = Context.ActorOf(DebouncerActor.Props(_topic, _path, _target, _settings.Debounce, _settings.TimeProvider).WithCompactMailbox(Context.System), "debouncer");
        Ensure();
        base.PreStart();
    }

    /// <summary>
    /// What identifies the topic's file now: the chosen path, its content hash and the ignored files; null when no
    /// file of the topic exists.
    /// </summary>
    private string? Signature()
    {
        var choice = _files.Resolve(_topic);
        if (choice is null)
        {
            return null;
        }

        _path = choice.Path;
        var hash = FileRead.HashOf(choice.Path, _roots) ?? "unreadable";
        return choice.IsCollision ? $"{choice.Path}|{hash}|{string.Join('|', choice.Ignored)}" : $"{choice.Path}|{hash}";
    }

    /// <summary>With no file left, forget the topic after the debounce has certainly delivered the deletion.</summary>
    private void WatchForDeletion(string? signature)
    {
        if (signature is null)
        {
            Timers.StartSingleTimer(ForgetTimer, ForgetTick.Instance, _settings.Debounce.MaxDelay + TimeSpan.FromSeconds(2));
        }
        else
        {
            Timers.Cancel(ForgetTimer);
        }
    }

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

    private sealed record ForgetTick
    {
        public static readonly ForgetTick Instance = new();

        private ForgetTick()
        {
        }
    }
}
