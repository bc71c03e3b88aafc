using HotReloadCluster.Hosting;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using HotReloadCluster.Diagnostics;
using HotReloadCluster.Topics;

namespace HotReloadCluster.Watching;

/// <summary>
/// Watches one root directory with ONE recursive <see cref="FileSystemWatcher"/> (filter <c>*</c>), never one
/// per file: .NET opens an inotify instance per watcher and the usual limit is 128 per user. Raw events are
/// routed to per-file <see cref="FileWatcherActor"/>s, created when a topic file appears. Any event in a folder
/// makes the tracked files of that folder re-hash; a watcher error (buffer overflow) rescans everything and
/// recreates the watcher. With <see cref="WatchRootSettings.Polling"/> it rescans on a timer instead.
/// </summary>
/// <remarks>
/// Supervision: a file watcher that throws is restarted (up to 10 times a minute, then stopped and logged);
/// its state is only a hash, rebuilt from the file.
/// </remarks>
internal sealed class WatchRootActor : ReceiveActor, IWithTimers
{
    private readonly WatchRootSettings _settings;
    private readonly IActorRef _target;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, IActorRef> _byTopic = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _folderByTopic = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pendingFolderChecks = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pendingSubtreeChecks = new(StringComparer.Ordinal);
    private FileSystemWatcher? _watcher;
    private string? _rootIdentity;
    private readonly GaugeSet.Slot _pollingGauge;
    private bool _pollingFallback;

    /// <summary>Creates the actor; use <see cref="Props"/>.</summary>
    public WatchRootActor(WatchRootSettings settings, IActorRef target)
    {
        _settings = settings;
        _target = target;
        _pollingGauge = HotReloadTelemetry.Get(Context.System).PollingRoots.Register(settings.Root);
        Receive<RawEvent>(OnRawEvent);
        Receive<FlushFolderChecks>(_ => OnFlushFolderChecks());
        Receive<WatcherFailed>(failed =>
        {
            _log.Warning("Watcher on {0} failed ({1}); rescanning every file", _settings.Root, failed.Error);
            StopWatcher();
            StartOrRetry();
            Rescan();
        });
        Receive<PollTick>(_ =>
        {
            if (_settings.Polling || _pollingFallback)
            {
                Rescan();
            }

            if (!_settings.Polling)
            {
                CheckRoot();
            }
        });
        Receive<ClusterEvent.MemberRemoved>(removed =>
        {
            // The topics of files watched here may have had their ReloadActors on the node that left.
            if (removed.Member.HasRole(Cluster.HotReloadRoles.Source))
            {
                foreach (var watcher in _byTopic.Values)
                {
                    watcher.Tell(EnsureAgain.Instance);
                }
            }
        });
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Receive<ClusterEvent.CurrentClusterState>(_ => { });
        Receive<GetTrackedFiles>(_ => Sender.Tell(new TrackedFiles(_settings.Root, [.. _byTopic.Keys.Order(StringComparer.Ordinal)], _watcher is not null, _settings.Polling || _pollingFallback)));
        Receive<ForgetTopic>(forget =>
        {
            // The topic's files are gone: its watcher stops (its ReloadActor recorded the deletion and keeps the last version).
            if (_byTopic.Remove(forget.Topic, out var watcher) && watcher.Equals(Sender))
            {
                _folderByTopic.Remove(forget.Topic);
                Context.Stop(watcher);
            }
            else if (watcher is not null)
            {
                _byTopic[forget.Topic] = watcher;
            }
        });
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    private static bool IsCluster => Context.System is ExtendedActorSystem { Provider: Akka.Cluster.ClusterActorRefProvider };

    /// <summary>Props for a root's watcher (always local: it watches this node's disk).</summary>
    public static Props Props(WatchRootSettings settings, IActorRef target) =>
        Akka.Actor.Props.Create(() => new WatchRootActor(settings, target)).WithDeploy(Deploy.Local);

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(10, TimeSpan.FromMinutes(1), ex => ex is ActorInitializationException ? Directive.Stop : Directive.Restart);

    /// <inheritdoc />
    protected override void PreStart()
    {
        // Polling rescans on every tick; with inotify the tick only checks that the root itself is still the
        // folder being watched (inotify goes silent when the root is deleted, replaced, or its symlink switched).
        Timers.StartPeriodicTimer("poll", PollTick.Instance, _settings.PollInterval);
        if (IsCluster)
        {
            Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberRemoved));
        }

        if (_settings.Polling)
        {
            Rescan();
        }
        else
        {
            StartOrRetry();
        }

        base.PreStart();
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        if (IsCluster)
        {
            Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
        }

        StopWatcher();
        HotReloadTelemetry.Get(Context.System).PollingRoots.Release(_settings.Root, _pollingGauge);
        base.PostStop();
    }

    private void StartOrRetry()
    {
        if (_watcher is not null)
        {
            return;
        }

        if (!Directory.Exists(_settings.Root))
        {
            if (_rootIdentity is not null || _byTopic.Count == 0)
            {
                _log.Warning("Watched root {0} does not exist; looking again every {1}", _settings.Root, _settings.PollInterval);
            }

            _rootIdentity = null;
            return;
        }

        var self = Self;
        var watcher = new FileSystemWatcher(_settings.Root)
        {
            Filter = "*",
            IncludeSubdirectories = true,
            // Attributes: a chmod that makes a file readable again (or not) is a reason to read it.
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.Attributes,
            InternalBufferSize = 64 * 1024,
        };
        watcher.Changed += (_, e) => self.Tell(new RawEvent(e.FullPath, null));
        watcher.Created += (_, e) => self.Tell(new RawEvent(e.FullPath, null));
        watcher.Deleted += (_, e) => self.Tell(new RawEvent(e.FullPath, null));
        watcher.Renamed += (_, e) => self.Tell(new RawEvent(e.FullPath, e.OldFullPath));
        watcher.Error += (_, e) => self.Tell(new WatcherFailed(e.GetException().Message));
        try
        {
            watcher.EnableRaisingEvents = true;
            _pollingFallback = false;
            _pollingGauge.Value = 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
        {
            // E.g. the inotify instance or watch limit is reached: poll this root rather than go blind.
            watcher.Dispose();
            _log.Error("Cannot watch {0} with inotify ({1}); polling it every {2} instead", _settings.Root, ex.Message, _settings.PollInterval);
            _pollingFallback = true;
            _pollingGauge.Value = 1;
            _rootIdentity = RootIdentity();
            Rescan();
            return;
        }

        _watcher = watcher;
        _rootIdentity = RootIdentity();

        // Scan after the watcher is on, so that nothing created in between is missed.
        Rescan();
    }

    /// <summary>The root's identity: where it links to and when it was created (changes when it is replaced).</summary>
    private string? RootIdentity()
    {
        try
        {
            var info = new DirectoryInfo(_settings.Root);
            if (!info.Exists)
            {
                return null;
            }

            var target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? _settings.Root;
            return target + "|" + new DirectoryInfo(target).CreationTimeUtc.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private void CheckRoot()
    {
        var identity = RootIdentity();
        if (identity == _rootIdentity && (identity is null || _watcher is not null || _pollingFallback))
        {
            return; // still missing, or still the folder being watched
        }

        _log.Info("Watched root {0} was {1}; watching it anew", _settings.Root, identity is null ? "removed" : "replaced or created");
        StopWatcher();
        _pollingFallback = false;
        _pollingGauge.Value = 0;
        _rootIdentity = identity;
        if (identity is null)
        {
            // Every tracked file is gone with its root: each reports it (ReloadFailed, last good kept).
            foreach (var watcher in _byTopic.Values)
            {
                watcher.Tell(CheckForChange.Instance);
            }

            return;
        }

        StartOrRetry();
    }

    private void StopWatcher()
    {
        if (_watcher is { } watcher)
        {
            watcher.EnableRaisingEvents = false;
            watcher.Dispose();
            _watcher = null;
        }
    }

    private void OnRawEvent(RawEvent raw)
    {
        OnPath(raw.Path);
        if (raw.OldPath is not null)
        {
            OnPath(raw.OldPath);
        }
    }

    /// <summary>
    /// One path named by a raw event. A topic file is touched (its own events are enough). A schema file asks its
    /// topic files to look again. Anything else — a Kubernetes <c>..data</c> swap, an editor's temporary file, a
    /// folder moved in or out — re-hashes the tracked files of that folder and below, once per batch of events:
    /// a burst of N new files in one folder costs N checks, not N × files-in-the-folder.
    /// </summary>
    private void OnPath(string path)
    {
        if (_settings.IsTopic(path))
        {
            Touch(path);
            return;
        }

        var name = Path.GetFileName(path);
        if (name.EndsWith(Core.Validation.SchemaConvention.Suffix, StringComparison.OrdinalIgnoreCase))
        {
            var stem = Path.Combine(Path.GetDirectoryName(path) ?? string.Empty, name[..^Core.Validation.SchemaConvention.Suffix.Length]);
            if (_byTopic.TryGetValue(TopicNaming.TopicFor(_settings.Root, stem + ".yaml"), out var owner))
            {
                owner.Tell(CheckForChange.Instance);
            }

            return;
        }

        // A folder created or moved in may bring topic files with it.
        if (Directory.Exists(path) && TopicNaming.IsWatchedDirectoryName(name))
        {
            foreach (var file in TopicNaming.EnumerateTopicFiles(path, _settings.Root))
            {
                // A new watcher hashes its file and ensures its topic when it starts; only known ones look again.
                if (_byTopic.TryGetValue(TopicNaming.TopicFor(_settings.Root, file), out var known))
                {
                    known.Tell(CheckForChange.Instance);
                }
                else
                {
                    Track(file);
                }
            }
        }

        // The files directly in the path's folder (a ..data swap, a temporary file renamed), and, when the path
        // was a folder (removed, renamed, a linked folder switched), the files below it.
        QueueCheck(_pendingFolderChecks, Path.GetDirectoryName(path));
        if (!Directory.Exists(path) || new DirectoryInfo(path).LinkTarget is not null)
        {
            QueueCheck(_pendingSubtreeChecks, path);
        }
    }

    private void QueueCheck(HashSet<string> pending, string? folder)
    {
        if (folder is null || !pending.Add(folder))
        {
            return;
        }

        if (_pendingFolderChecks.Count + _pendingSubtreeChecks.Count == 1)
        {
            // After the events already in the mailbox: one check per folder for the whole batch.
            Self.Tell(FlushFolderChecks.Instance);
        }
    }

    private void OnFlushFolderChecks()
    {
        if (_pendingFolderChecks.Count + _pendingSubtreeChecks.Count == 0)
        {
            return;
        }

        var subtrees = _pendingSubtreeChecks.Select(f => Path.TrimEndingDirectorySeparator(f) + Path.DirectorySeparatorChar).ToArray();
        foreach (var (topic, watcher) in _byTopic)
        {
            var folder = _folderByTopic[topic];
            if (_pendingFolderChecks.Contains(folder)
                || subtrees.Any(prefix => (folder + Path.DirectorySeparatorChar).StartsWith(prefix, StringComparison.Ordinal)))
            {
                watcher.Tell(CheckForChange.Instance);
            }
        }

        _pendingFolderChecks.Clear();
        _pendingSubtreeChecks.Clear();
    }

    private void Touch(string path)
    {
        if (_byTopic.TryGetValue(TopicNaming.TopicFor(_settings.Root, path), out var watcher))
        {
            watcher.Tell(FileTouched.Instance);
        }
        else if (TopicFiles.Present(path))
        {
            Track(path);
        }
    }

    private void Rescan()
    {
        if (!Directory.Exists(_settings.Root))
        {
            foreach (var watcher in _byTopic.Values)
            {
                watcher.Tell(CheckForChange.Instance);
            }

            return;
        }

        foreach (var file in TopicNaming.EnumerateTopicFiles(_settings.Root))
        {
            Track(file);
        }

        foreach (var watcher in _byTopic.Values)
        {
            watcher.Tell(CheckForChange.Instance);
        }
    }

    private IActorRef? Track(string path)
    {
        if (!_settings.IsTopic(path))
        {
            return null;
        }

        // One watcher per topic, whatever the number of files that claim it (the rule in TopicFiles picks one).
        var topic = TopicNaming.TopicFor(_settings.Root, path);
        if (_byTopic.TryGetValue(topic, out var existing))
        {
            existing.Tell(CheckForChange.Instance);
            return existing;
        }

        var actor = Context.ActorOf(FileWatcherActor.Props(topic, path, _target, _settings).WithCompactMailbox(Context.System), "file-" + Uri.EscapeDataString(topic));
        _byTopic[topic] = actor;
        _folderByTopic[topic] = Path.GetDirectoryName(path) ?? _settings.Root;
        return actor;
    }

    private sealed record RawEvent(string Path, string? OldPath);

    private sealed record WatcherFailed(string Error);

    private sealed record FlushFolderChecks
    {
        public static readonly FlushFolderChecks Instance = new();

        private FlushFolderChecks()
        {
        }
    }

    private sealed record PollTick
    {
        public static readonly PollTick Instance = new();

        private PollTick()
        {
        }
    }
}
