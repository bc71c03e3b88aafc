using HotReloadCluster.Hosting;
using Akka.Actor;
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
public sealed class FileWatcherActor : ReceiveActor
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
        Receive<CheckForChange>(_ =>
        {
            var hash = FileRead.HashOf(_path, _roots);
            var schemaHash = FileRead.HashOf(_schemaPath, _roots);
            if (!string.Equals(hash, _lastHash, StringComparison.Ordinal))
            {
                _lastHash = hash;
                _debouncer.Tell(FileActivity.Instance);
            }
            else if (!string.Equals(schemaHash, _lastSchemaHash, StringComparison.Ordinal))
            {
                _debouncer.Tell(SchemaActivity.Instance);
            }

            _lastSchemaHash = schemaHash;
        });
    }

    /// <summary>Props for a file's watcher (always local).</summary>
    public static Props Props(string topic, string path, IActorRef target, WatchRootSettings settings) =>
        Akka.Actor.Props.Create(() => new FileWatcherActor(topic, path, target, settings)).WithDeploy(Deploy.Local);

    /// <inheritdoc />
    protected override void PreStart()
    {
        _lastHash = FileRead.HashOf(_path, _roots);
        _lastSchemaHash = FileRead.HashOf(_schemaPath, _roots);
        _debouncer = Context.ActorOf(DebouncerActor.Props(_topic, _path, _target, _settings.Debounce, _settings.TimeProvider).WithCompactMailbox(Context.System), "debouncer");
        _target.Tell(new EnsureTopic(_topic, _path));
        base.PreStart();
    }
}
