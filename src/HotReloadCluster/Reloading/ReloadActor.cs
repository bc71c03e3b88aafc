using HotReloadCluster.Hosting;
using System.Collections.Immutable;
using System.Globalization;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Events;
using HotReloadCluster.Core.Validation;
using HotReloadCluster.Registry;

namespace HotReloadCluster.Reloading;

/// <summary>
/// The single writer of one topic (persistence id <c>reload-{topic}</c>). It reads the topic's file, decides
/// with <see cref="ReloadPipeline"/> (hash, parse, substitute, validate), persists <see cref="ConfigApplied"/>
/// or <see cref="ConfigRejected"/> before anyone is told, runs apply hooks, rolls back when a hook fails, and
/// publishes a <see cref="ReloadEvent"/> on the event stream for every outcome.
/// </summary>
/// <remarks>
/// Failure handling: file I/O and parse errors are values, not exceptions, and are retried with a timer up to
/// <see cref="ReloadSettings.MaxReloadAttempts"/>. A journal failure stops the actor (Akka.Persistence's rule);
/// its parent restarts it with backoff and it recovers from the journal.
/// </remarks>
public sealed class ReloadActor : ReceivePersistentActor, IWithTimers
{
    private readonly string _topic;
    private readonly ReloadSettings _settings;
    private readonly ReloadPipeline _pipeline;
    private readonly ReloadStatisticsCollector _statistics = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private string _filePath;
    private ReloadState _state;
    private Attempt? _pendingRetry;
    private readonly IActorRef? _registry;
    private readonly IReadOnlyList<string> _roots;
    private long _acknowledgedVersion;

    /// <summary>Creates the actor; use <see cref="Props"/>.</summary>
    public ReloadActor(string topic, string filePath, ReloadSettings settings, IActorRef? registry = null)
    {
        _registry = registry;
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _topic = topic;
        _filePath = filePath;
        _settings = settings;
        _roots = settings.RootsFor(filePath);
        _pipeline = new ReloadPipeline(settings.Limits, settings.Validator, settings.Variables, settings.UseSchemaConvention, _roots);
        _state = ReloadState.Empty(topic);
        PersistenceId = "reload-" + topic;

        Recover<ConfigApplied>(e => _state = _state.Apply(e));
        Recover<ConfigRejected>(e => _state = _state.Apply(e));
        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is ReloadSnapshot snapshot)
            {
                _state = ReloadState.FromSnapshot(snapshot);
            }
        });
        Recover<RecoveryCompleted>(_ =>
        {
            _log.Debug("Topic {0} recovered at version {1}", _topic, _state.Current?.Version ?? 0);

            // A change made while nobody watched is picked up by comparing hashes.
            Self.Tell(new ReloadRequested(_topic, _filePath, ReloadTrigger.Startup));

            // The registry may have missed the last version (it moved, or we crashed before its ack).
            PublishLatest();
        });

        Ready();
    }

    /// <inheritdoc />
    public override string PersistenceId { get; }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for the topic's actor.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="filePath">The topic's file.</param>
    /// <param name="settings">How to read, validate and apply.</param>
    /// <param name="registry">Where applied versions are published (the registry region), or null on a single node.</param>
    public static Props Props(string topic, string filePath, ReloadSettings settings, IActorRef? registry = null) =>
        ActorFactory<ReloadActor>.Props(() => new ReloadActor(topic, filePath, settings, registry));

    private DateTimeOffset Now => _settings.TimeProvider.GetUtcNow();

    /// <inheritdoc />
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        // The actor stops (Akka.Persistence's rule) and its supervisor re-creates it with backoff; nothing was applied.
        Publish(ReloadEventType.ReloadFailed, _state.Current?.Version, null, $"the journal refused the write ({cause.GetType().Name}: {cause.Message}); last good version kept", ImmutableDictionary<string, string>.Empty);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    /// <inheritdoc />
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        Publish(ReloadEventType.ReloadFailed, _state.Current?.Version, null, $"the journal rejected the event ({cause.GetType().Name}: {cause.Message}); last good version kept", ImmutableDictionary<string, string>.Empty);
        base.OnPersistRejected(cause, @event, sequenceNr);
    }

    /// <inheritdoc />
    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        Publish(ReloadEventType.ReloadFailed, null, null, $"recovery from the journal failed ({reason.GetType().Name}: {reason.Message}); retrying with backoff", ImmutableDictionary<string, string>.Empty);
        base.OnRecoveryFailure(reason, message);
    }

    /// <summary>The file's current hash (streamed, confined to the roots), or null when it cannot be read.</summary>
    private string? FileHash() => FileRead.HashOf(_filePath, _roots);

    private void Ready()
    {
        Command<ReloadRequested>(request =>
        {
            if (!SamePath(request.FilePath))
            {
                return;
            }

            // A retry in progress is superseded; whoever waited for it gets this attempt's outcome.
            var replyTos = _pendingRetry?.ReplyTos ?? [];
            var manualBy = _pendingRetry?.ManualBy;
            Timers.Cancel(RetryTimerKey);
            _pendingRetry = null;
            Run(new Attempt(1, manualBy, replyTos, _settings.TimeProvider.GetTimestamp(), request.Trigger));
        });
        Command<ManualReload>(request =>
        {
            var replyTos = (_pendingRetry?.ReplyTos ?? []).Add(Sender);
            Timers.Cancel(RetryTimerKey);
            _pendingRetry = null;
            Run(new Attempt(1, request.RequestedBy, replyTos, _settings.TimeProvider.GetTimestamp(), ReloadTrigger.FileChanged));
        });
        Command<RetryTick>(_ =>
        {
            if (_pendingRetry is { } attempt)
            {
                _pendingRetry = null;
                Run(attempt with { Number = attempt.Number + 1 });
            }
        });
        Command<Rollback>(HandleRollback);
        Command<EnsureTopic>(ensure =>
        {
            SamePath(ensure.FilePath);
            Sender.Tell(new TopicEnsured(_topic, _filePath));
        });
        Command<RequestLatest>(_ =>
        {
            _acknowledgedVersion = 0;
            PublishLatest();
        });
        Command<VersionAcknowledged>(ack =>
        {
            _acknowledgedVersion = Math.Max(_acknowledgedVersion, ack.Version);
            if (_acknowledgedVersion >= (_state.Current?.Version ?? 0))
            {
                Timers.Cancel(PublishTimerKey);
            }
        });
        Command<PublishTick>(_ => PublishLatest());
        Command<ApplyFailed>(OnApplyFailed);
        Command<GetCurrentConfig>(_ =>
        {
            var fileHash = FileHash();
            Sender.Tell(new CurrentConfig(_topic, _state.Current, _filePath, fileHash, fileHash != _state.Current?.Hash));
        });
        Command<GetHistory>(_ => Sender.Tell(new TopicHistory(_topic, _state.History())));
        Command<GetTopicStatistics>(_ => Sender.Tell(new TopicStatistics(_topic, _statistics.Snapshot())));
        Command<SaveSnapshotSuccess>(success =>
        {
            // Older snapshots can go. Events stay: they are the history, and the fallback should a snapshot
            // ever be unreadable.
            DeleteSnapshots(new SnapshotSelectionCriteria(success.Metadata.SequenceNr - 1));
        });
        Command<SaveSnapshotFailure>(failure => _log.Warning(failure.Cause, "Topic {0}: snapshot failed; the journal still holds every event", _topic));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(failure => _log.Warning(failure.Cause, "Topic {0}: deleting old events failed", _topic));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failure => _log.Warning(failure.Cause, "Topic {0}: deleting old snapshots failed", _topic));
    }

    private void AwaitingHooks()
    {
        Command<HooksCompleted>(OnHooksCompleted);
        CommandAny(_ => Stash.Stash());
    }

    private void Run(Attempt attempt)
    {
        var read = FileRead.From(_filePath, _settings.Limits.MaxFileBytes, _roots);
        var decision = _pipeline.Evaluate(_state, read, _filePath, attempt.ManualBy, Now, fromWatcher: attempt.Trigger == ReloadTrigger.FileChanged);
        switch (decision)
        {
            case ReloadDecision.Unchanged:
                Reply(attempt, new ReloadOutcome(_topic, OutcomeKind.Unchanged, _state.Current?.Version, []));
                break;

            case ReloadDecision.Reject reject when reject.Retryable && attempt.Number < _settings.MaxReloadAttempts:
                _pendingRetry = attempt;
                Timers.StartSingleTimer(RetryTimerKey, RetryTick.Instance, _settings.RetryDelay * attempt.Number);
                break;

            case ReloadDecision.Reject reject:
                if (reject.Persist)
                {
                    Persist(reject.Event, rejected =>
                    {
                        _state = _state.Apply(rejected);
                        MaybeSnapshot();
                        OnRejected(rejected, attempt);
                    });
                }
                else
                {
                    OnRejected(reject.Event, attempt);
                }

                break;

            case ReloadDecision.Apply apply:
                Persist(apply.Event, applied =>
                {
                    _state = _state.Apply(applied);
                    MaybeSnapshot();
                    if (attempt.ManualBy is null)
                    {
                        Publish(ReloadEventType.FileChanged, applied.Version, null, null, Metadata(applied, attempt));
                    }

                    StartHooks(new Applying(applied, apply.Resolved, apply.Scrubber, ReloadEventType.ReloadSuccess, attempt, IsRollback: false, Reason: null));
                });
                break;
        }
    }

    private void HandleRollback(Rollback command)
    {
        var replyTo = Sender;
        var fileHash = FileHash();
        var decision = ReloadPipeline.EvaluateRollback(_state, command, fileHash, Now);
        var attempt = new Attempt(1, command.RequestedBy, [replyTo], _settings.TimeProvider.GetTimestamp(), ReloadTrigger.FileChanged);
        switch (decision)
        {
            case ReloadDecision.Refused refused:
                replyTo.Tell(new ReloadOutcome(_topic, OutcomeKind.Refused, _state.Current?.Version, refused.Errors));
                break;
            case ReloadDecision.Apply apply:
                Persist(apply.Event, applied =>
                {
                    _state = _state.Apply(applied);
                    MaybeSnapshot();
                    StartHooks(new Applying(applied, null, SecretScrubber.None, ReloadEventType.RollbackSuccess, attempt, IsRollback: true, Reason: null));
                });
                break;
        }
    }

    private void OnRejected(ConfigRejected rejected, Attempt attempt)
    {
        var type = rejected.Kind is RejectionKind.Validation or RejectionKind.Substitution
            ? ReloadEventType.ValidationFailed
            : ReloadEventType.ReloadFailed;
        var error = string.Join("; ", rejected.Errors);
        var metadata = ImmutableDictionary<string, string>.Empty
            .Add(ReloadEventMetadata.Attempts, attempt.Number.ToString(CultureInfo.InvariantCulture))
            .Add(ReloadEventMetadata.ReloadTimeMs, ElapsedMs(attempt))
            .Add(ReloadEventMetadata.Origin, rejected.Origin.ToString());
        if (rejected.Hash is not null)
        {
            metadata = metadata.Add(ReloadEventMetadata.Hash, rejected.Hash);
        }

        _log.Warning("Topic {0}: {1} ({2}); keeping version {3}", _topic, type, error, _state.Current?.Version ?? 0);
        Publish(type, _state.Current?.Version, null, error, metadata);
        var kind = type == ReloadEventType.ValidationFailed || rejected.Kind == RejectionKind.Parse ? OutcomeKind.Rejected : OutcomeKind.Failed;
        Reply(attempt, new ReloadOutcome(_topic, kind, _state.Current?.Version, rejected.Errors));
    }

    private void StartHooks(Applying applying)
    {
        if (applying.Resolved is null)
        {
            var (resolved, scrubber) = _pipeline.MaterializeVersion(applying.Event);
            applying = applying with { Resolved = resolved, Scrubber = scrubber };
        }

        var document = applying.Resolved;
        if (_settings.ApplyHooks.IsDefaultOrEmpty || document is null)
        {
            Finish(applying, hookError: document is null ? "the stored content cannot be resolved in this process" : null);
            return;
        }

        var config = new AppliedConfig(_topic, applying.Event.Version, document, applying.Event.Origin);
        var scrub = applying.Scrubber;
        RunHooksAsync(_settings.ApplyHooks, config, _settings.ApplyHookTimeout)
            .PipeTo(Self, success: error => new HooksCompleted(applying, error is null ? null : scrub.Scrub(error)));
        BecomeStacked(AwaitingHooks);
    }

    private static async Task<string?> RunHooksAsync(ImmutableArray<IConfigApplyHook> hooks, AppliedConfig config, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        foreach (var hook in hooks)
        {
            try
            {
                await hook.ApplyAsync(config, cts.Token).AsTask().WaitAsync(timeout, cts.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                return $"apply hook {hook.GetType().Name} timed out after {timeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms";
            }
#pragma warning disable CA1031 // A hook is user code: any exception it throws is a failed apply, reported, never a crash.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                return $"apply hook failed: {ex.GetType().Name}: {ex.Message}";
            }
        }

        return null;
    }

    private void OnHooksCompleted(HooksCompleted completed)
    {
        UnbecomeStacked();
        Stash.UnstashAll();
        Finish(completed.Applying, completed.Error);
    }

    private void Finish(Applying applying, string? hookError)
    {
        var applied = applying.Event;
        var metadata = Metadata(applied, applying.Attempt);
        if (applying.Reason is not null)
        {
            metadata = metadata.SetItem(ReloadEventMetadata.Reason, applying.Reason);
        }

        if (hookError is null)
        {
            Publish(applying.SuccessType, applied.Version, applying.Resolved, null, metadata);
            Reply(applying.Attempt, new ReloadOutcome(_topic, OutcomeKind.Applied, applied.Version, []));
            PublishLatest();
            return;
        }

        _log.Error("Topic {0}: version {1} could not be applied: {2}", _topic, applied.Version, hookError);
        Publish(ReloadEventType.ReloadFailed, applied.Version, null, hookError, metadata);
        if (applying.IsRollback || !_settings.EnableRollback)
        {
            Reply(applying.Attempt, new ReloadOutcome(_topic, OutcomeKind.Rejected, applied.Version, [new ValidationError(string.Empty, hookError, "apply-hook")]));
            return;
        }

        var fileHash = FileHash();
        switch (ReloadPipeline.EvaluateAutomaticRollback(_state, hookError, fileHash, Now))
        {
            case ReloadDecision.Apply rollback:
                Persist(rollback.Event, rolledBack =>
                {
                    _state = _state.Apply(rolledBack);
                    MaybeSnapshot();
                    var message = $"{hookError}; rolled back to version {rolledBack.Origin.RollbackTo} as version {rolledBack.Version}";
                    Reply(applying.Attempt, new ReloadOutcome(_topic, OutcomeKind.Rejected, rolledBack.Version, [new ValidationError(string.Empty, message, "apply-hook")]));
                    StartHooks(new Applying(rolledBack, null, SecretScrubber.None, ReloadEventType.RollbackSuccess, applying.Attempt with { ReplyTos = [] }, IsRollback: true, Reason: hookError));
                });
                break;
            default:
                Reply(applying.Attempt, new ReloadOutcome(_topic, OutcomeKind.Rejected, applied.Version, [new ValidationError(string.Empty, hookError + "; no earlier version to roll back to", "apply-hook")]));
                break;
        }
    }

    /// <summary>
    /// A subscriber could not apply a version. The default policy rolls the topic back cluster-wide, once:
    /// only the current version is rolled back, and never a version that is itself a rollback.
    /// </summary>
    private void OnApplyFailed(ApplyFailed failed)
    {
        var current = _state.Current;
        if (current is null || current.Version != failed.Version || current.Origin.Kind == OriginKind.Rollback || !_settings.EnableRollback)
        {
            _log.Warning("Topic {0}: version {1} failed on {2} ({3}); no rollback (current {4})", _topic, failed.Version, failed.Node, failed.Error, current?.Version ?? 0);
            return;
        }

        var reason = $"version {failed.Version} failed on {failed.Node}: {failed.Error}";
        var attempt = new Attempt(1, null, [], _settings.TimeProvider.GetTimestamp(), ReloadTrigger.FileChanged);
        Publish(ReloadEventType.ReloadFailed, failed.Version, null, reason, Metadata(current, attempt));
        var fileHash = FileHash();
        if (ReloadPipeline.EvaluateAutomaticRollback(_state, reason, fileHash, Now) is ReloadDecision.Apply rollback)
        {
            Persist(rollback.Event, rolledBack =>
            {
                _state = _state.Apply(rolledBack);
                MaybeSnapshot();
                StartHooks(new Applying(rolledBack, null, SecretScrubber.None, ReloadEventType.RollbackSuccess, attempt, IsRollback: true, Reason: reason));
            });
        }
    }

    private void PublishLatest()
    {
        if (_registry is null || _state.Current is not { } current || current.Version <= _acknowledgedVersion)
        {
            return;
        }

        _registry.Tell(new VersionPublished(_topic, current));
        Timers.StartSingleTimer(PublishTimerKey, PublishTick.Instance, TimeSpan.FromSeconds(1));
    }

    private static void Reply(Attempt attempt, ReloadOutcome outcome)
    {
        foreach (var replyTo in attempt.ReplyTos)
        {
            replyTo.Tell(outcome);
        }
    }

    /// <summary>One topic, one file: a request naming another file for this topic is refused (a collision).</summary>
    private bool SamePath(string path)
    {
        if (string.Equals(path, _filePath, StringComparison.Ordinal))
        {
            return true;
        }

        _log.Error("Topic {0} is defined by {1}; ignoring {2}, which maps to the same topic (rename one of them)", _topic, _filePath, path);
        return false;
    }

    private void MaybeSnapshot()
    {
        if (LastSequenceNr % _settings.SnapshotEvery == 0)
        {
            SaveSnapshot(_state.ToSnapshot());
        }
    }

    private ImmutableDictionary<string, string> Metadata(ConfigApplied applied, Attempt attempt) =>
        ImmutableDictionary<string, string>.Empty
            .Add(ReloadEventMetadata.Hash, applied.Hash)
            .Add(ReloadEventMetadata.Origin, applied.Origin.ToString())
            .Add(ReloadEventMetadata.Attempts, attempt.Number.ToString(CultureInfo.InvariantCulture))
            .Add(ReloadEventMetadata.ReloadTimeMs, ElapsedMs(attempt))
            .Add(ReloadEventMetadata.PreviousVersion, (applied.Version - 1).ToString(CultureInfo.InvariantCulture));

    private string ElapsedMs(Attempt attempt) =>
        _settings.TimeProvider.GetElapsedTime(attempt.StartedAt).TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);

    private void Publish(ReloadEventType type, long? version, ConfigDocument? document, string? error, ImmutableDictionary<string, string> metadata)
    {
        var reloadEvent = new ReloadEvent(type, _topic, Now)
        {
            FilePath = _filePath,
            Version = version,
            NewConfig = document,
            Error = error,
            Metadata = metadata,
        };
        _statistics.Record(reloadEvent);
        Context.System.EventStream.Publish(reloadEvent);
    }

    private const string RetryTimerKey = "retry";
    private const string PublishTimerKey = "publish";

    private sealed record Attempt(int Number, string? ManualBy, ImmutableArray<IActorRef> ReplyTos, long StartedAt, ReloadTrigger Trigger);

    private sealed record Applying(ConfigApplied Event, ConfigDocument? Resolved, SecretScrubber Scrubber, ReloadEventType SuccessType, Attempt Attempt, bool IsRollback, string? Reason);

    private sealed record HooksCompleted(Applying Applying, string? Error);

    private sealed record PublishTick
    {
        public static readonly PublishTick Instance = new();

        private PublishTick()
        {
        }
    }

    private sealed record RetryTick
    {
        public static readonly RetryTick Instance = new();

        private RetryTick()
        {
        }
    }
}
