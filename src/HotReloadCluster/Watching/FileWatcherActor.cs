using HotReloadCluster.Hosting;
using Akka.Actor;
using HotReloadCluster.Debouncing;
using HotReloadCluster.Reloading;

namespace HotReloadCluster.Watching;

/// <summary>
/// Watches one topic file on behalf of its root's watcher: makes sure the topic's ReloadActor runs, and turns
/// raw events into debounced activity. Events that name the file are forwarded at once; events near it
/// (same folder, watcher overflow, polling) re-hash the file and are forwarded only when its content changed,
/// which is how rename-saves and Kubernetes ConfigMap <c>..data</c> swaps are seen.
/// </summary>
public sealed class FileWatcherActor : ReceiveActor
{
    private const string Unknown = "unknown";
    private readonly string _topic;
    private readonly string _path;
    private readonly IActorRef _target;
    private readonly WatchRootSettings _settings;
    private IActorRef _debouncer = ActorRefs.Nobody;
    private string? _lastHash = Unknown;

    /// <summary>Creates the actor; use <see cref="Props"/>.</summary>
    public FileWatcherActor(string topic, string path, IActorRef target, WatchRootSettings settings)
    {
        _topic = topic;
        _path = path;
        _target = target;
        _settings = settings;
        Receive<FileTouched>(_ =>
        {
            _lastHash = Unknown;
            _debouncer.Tell(FileActivity.Instance);
        });
        Receive<CheckForChange>(_ =>
        {
            var hash = FileRead.HashOf(_path);
            if (!string.Equals(hash, _lastHash, StringComparison.Ordinal))
            {
                _lastHash = hash;
                _debouncer.Tell(FileActivity.Instance);
            }
        });
    }

    /// <summary>Props for a file's watcher (always local).</summary>
    public static Props Props(string topic, string path, IActorRef target, WatchRootSettings settings) =>
        Akka.Actor.Props.Create(() => new FileWatcherActor(topic, path, target, settings)).WithDeploy(Deploy.Local);

    /// <inheritdoc />
    protected override void PreStart()
    {
        _lastHash = FileRead.HashOf(_path);
        _debouncer = Context.ActorOf(DebouncerActor.Props(_topic, _path, _target, _settings.Debounce, _settings.TimeProvider).WithCompactMailbox(Context.System), "debouncer");
        _target.Tell(new EnsureTopic(_topic, _path));
        base.PreStart();
    }
}
