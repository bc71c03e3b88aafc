using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using HotReloadCluster.Content;
using HotReloadCluster.Core.Diffing;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Events;
using HotReloadCluster.Core.Substitution;
using HotReloadCluster.Core.Validation;
using HotReloadCluster.Diagnostics;
using HotReloadCluster.Hosting;
using HotReloadCluster.Registry;
using HotReloadCluster.Topics;

namespace HotReloadCluster.Reloading;

/// <summary>
/// The single writer of one topic (persistence id <c>reload-{topic}</c>). It reads the topic's file (the one the rule in
/// <see cref="TopicFiles"/> picks), decides with <see cref="ReloadPipeline"/> (hash, parse, substitute, validate),
/// persists <see cref="ConfigApplied"/> or <see cref="ConfigRejected"/> before anyone is told, runs apply hooks, rolls
/// back when a hook fails, publishes a <see cref="ReloadEvent"/> for every outcome, and tells the registry the new
/// version's metadata and diff (<see cref="VersionPublisher"/>). Content is served by hash in chunks
/// (<see cref="ContentServer"/>).
/// </summary>
/// <remarks>
/// <para>Memory does not grow with versions: the state holds the current version with its content and an index of the
/// history; an older version's content is read back from the journal (one event, <see cref="JournalEventReader"/>)
/// when a rollback, a show or a diff needs it. Retention deletes events and snapshots beyond
/// <see cref="ReloadSettings.Retention"/>.</para>
/// <para>A topic exists because its file does: an actor started for a topic that has neither a file nor a journal
/// records nothing and passivates. Failure handling: file I/O and parse errors are values, retried with a timer up to
/// <see cref="ReloadSettings.MaxReloadAttempts"/>; a journal failure stops the actor and <see cref="ReloadSupervision"/>
/// re-creates it with backoff.</para>
/// </remarks>
public sealed class ReloadActor : ReceivePersistentActor, IWithTimers
{
    private const string RetryTimerKey = "retry";
    private const string DeleteRetryTimerKey = "delete-retry";
    private static readonly TimeSpan JournalReadTimeout = TimeSpan.FromSeconds(10);

    private readonly string _topic;
    private readonly ReloadSettings _settings;
    private readonly ReloadPipeline _pipeline;
    private readonly ReloadStatisticsCollector _statistics = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IReadOnlyList<string> _roots;
    private readonly TopicFiles _files;
    private readonly VersionPublisher _publisher;
    private readonly ContentServer _content;
    private readonly HotReloadTelemetry _telemetry = HotReloadTelemetry.Get(Context.System);
    private GaugeSet.Slot? _versionGauge;
    private readonly Dictionary<long, List<Action<ConfigApplied?, string?>>> _reads = [];
    private string _filePath;
    private ImmutableArray<string> _ignoredFiles = [];
    private ReloadState _state;
    private ConfigDocument? _template;
    private Attempt? _pendingRetry;
    private bool _legacySnapshot;
    private bool _passivating;
    private long _deletedTo;
    private long? _deleteInFlight;
    private long _deletePending;
    private long _latestSnapshot;
    private TimeSpan _deleteRetryDelay = TimeSpan.FromSeconds(1);
    private readonly long _createdAt = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>Creates the actor; use <see cref="Props"/>.</summary>
    public ReloadActor(string topic, string filePath, ReloadSettings settings, IActorRef? registry = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _topic = topic;
        _filePath = filePath;
        _settings = settings;
        _roots = settings.RootsFor(filePath);
        _files = settings.TopicFilesFor(filePath);
        _pipeline = new ReloadPipeline(settings.Limits, ValidatorFor(topic, settings), settings.Variables, settings.UseSchemaConvention, _roots);
        _state = ReloadState.Empty(topic);
        _publisher = new VersionPublisher(topic, registry, () => Timers);
        _content = new ContentServer(topic);
        PersistenceId = settings.PersistenceIdPrefix + "reload-" + topic;
        if (settings.JournalPluginId is { } journalPlugin)
        {
            JournalPluginId = journalPlugin;
        }

        if (settings.SnapshotPluginId is { } snapshotPlugin)
        {
            SnapshotPluginId = snapshotPlugin;
        }

        // After an old-format snapshot the events that follow it are skipped: the migration recovers again from the start.
        Recover<ConfigApplied>(e => _state = _legacySnapshot ? _state : _state.Apply(e, LastSequenceNr));
        Recover<ConfigRejected>(e => _state = _legacySnapshot ? _state : _state.Apply(e, LastSequenceNr));
        Recover<SnapshotOffer>(offer =>
        {
            switch (offer.Snapshot)
            {
                case TopicSnapshot snapshot:
                    _state = ReloadState.FromSnapshot(snapshot, offer.Metadata.SequenceNr);
                    break;
                case ReloadSnapshot:
                    _legacySnapshot = true;
                    break;
            }
        });
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Ready();
    }

    /// <inheritdoc />
    public override string PersistenceId { get; }

    /// <summary>The settings' validator, followed by the application's check of the candidate (when there is one).</summary>
    private static IConfigValidator? ValidatorFor(string topic, ReloadSettings settings)
    {
        if (settings.CandidateCheck is not { } check)
        {
            return settings.Validator;
        }

        var application = ConfigValidators.FromFunc(
            document => check(topic, document) is { } error ? [new ValidationError(string.Empty, error, "options")] : [],
            name: "options");
        return settings.Validator is { } validator ? new CompositeValidator([validator, application]) : application;
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for the topic's actor.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="filePath">The topic's file (a hint: the rule in <see cref="TopicFiles"/> decides which file is read).</param>
    /// <param name="settings">How to read, validate and apply.</param>
    /// <param name="registry">Where applied versions are published (the registry region), or null on a single node.</param>
    public static Props Props(string topic, string filePath, ReloadSettings settings, IActorRef? registry = null) =>
        ActorFactory<ReloadActor>.Props(() => new ReloadActor(topic, filePath, settings, registry));

    private DateTimeOffset Now => _settings.TimeProvider.GetUtcNow();

    /// <inheritdoc />
    protected override void PostStop()
    {
        if (_versionGauge is { } gauge)
        {
            _telemetry.SourceVersions.Release(_topic, gauge);
        }

        base.PostStop();
    }

    /// <inheritdoc />
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _telemetry.ReloadFinished(_topic, HotReloadTelemetry.OutcomeName(OutcomeKind.Failed), null);
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

    private void OnRecovered()
    {
        if (_legacySnapshot)
        {
            // A snapshot of the old format (every version's content): drop it and recover again from the events, which
            // that format never deleted, so the index gets every version's sequence number. The supervisor restarts us.
            _log.Info("Topic {0}: migrating an old snapshot; recovering from the journal's events", _topic);
            DeleteSnapshots(SnapshotSelectionCriteria.Latest);
            Become(MigratingSnapshot);
            return;
        }

        _content.SetCurrent(_state.Current);
        _versionGauge = _telemetry.SourceVersions.Register(_topic, _state.Current?.Version ?? 0);
        _log.Debug("Topic {0} recovered at version {1} in {2:0} ms", _topic, _state.Current?.Version ?? 0, System.Diagnostics.Stopwatch.GetElapsedTime(_createdAt).TotalMilliseconds);

        // Events after the last snapshot are replayed without retention (a snapshot may not have been written before a
        // crash): apply it now, so the index never promises more than retention keeps.
        var (trimmed, deleteTo) = _state.Trim(_settings.Retention, Now);
        if (deleteTo > 0)
        {
            _state = trimmed;
            SaveSnapshot(_state.ToSnapshot());
        }
        if (_state.IsEmpty && _files.Resolve(_topic) is null && !TopicFiles.Present(_filePath))
        {
            // No file and no history: no topic. Answer what is waiting, then go.
            Self.Tell(PassivateIfIdle.Instance);
            return;
        }

        if (_state.Current?.Pinned == true || _state.FileDeleted || _state.PendingRejection is not null)
        {
            // No event says so after a restart or a hand-over; the health check's tracker needs to know.
            Context.System.EventStream.Publish(new Diagnostics.TopicRecoveredUnsettled(_topic, _state.Current?.Version));
        }

        // A change made while nobody watched is picked up by comparing hashes.
        Self.Tell(new ReloadRequested(_topic, _filePath, ReloadTrigger.Startup));

        // The registry may have missed the last version (it moved, or we crashed before its ack). The diff is not kept:
        // a subscriber that needs one computes it from the version it has.
        if (_state.Current is { } current)
        {
            _publisher.Publish(Announce(current, [], 0));
        }

        if (_state.FileDeleted)
        {
            Context.SetReceiveTimeout(_settings.DeletedTopicIdle);
        }
    }

    private void MigratingSnapshot()
    {
        Command<DeleteSnapshotsSuccess>(_ => Context.Stop(Self));
        Command<DeleteSnapshotsFailure>(failure => throw new InvalidOperationException("Cannot delete the old-format snapshot: " + failure.Cause.Message, failure.Cause));
        CommandAny(_ => Stash.Stash());
    }

    private void Ready()
    {
        Command<ReloadRequested>(request =>
        {
            // A retry in progress is superseded; whoever waited for it gets this attempt's outcome.
            var replyTos = _pendingRetry?.ReplyTos ?? [];
            var manualBy = _pendingRetry?.ManualBy;
            HotReloadTelemetry.Stop(_pendingRetry?.Span, "superseded");
            Timers.Cancel(RetryTimerKey);
            _pendingRetry = null;
            Run(new Attempt(1, manualBy, replyTos, _settings.TimeProvider.GetTimestamp(), request.Trigger, Span(HotReloadInstruments.ReloadSpan, request.TraceParent)));
        });
        Command<ManualReload>(request =>
        {
            var replyTos = (_pendingRetry?.ReplyTos ?? []).Add(Sender);
            HotReloadTelemetry.Stop(_pendingRetry?.Span, "superseded");
            Timers.Cancel(RetryTimerKey);
            _pendingRetry = null;
            Run(new Attempt(1, request.RequestedBy, replyTos, _settings.TimeProvider.GetTimestamp(), ReloadTrigger.FileChanged, Span(HotReloadInstruments.ReloadSpan, null)));
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
        Command<EnsureTopic>(_ => Sender.Tell(new TopicEnsured(_topic, _filePath)));
        Command<RequestLatest>(_ =>
        {
            if (_state.Current is null)
            {
                Sender.Tell(new TopicNotFound(_topic));
            }

            _publisher.Reset();
        });
        Command<VersionAcknowledged>(ack => _publisher.Acknowledged(ack.Version));
        Command<VersionPublisher.PublishTick>(_ => _publisher.Resend());
        Command<ApplyFailed>(OnApplyFailed);
        Command<GetCurrentConfig>(_ =>
        {
            var fileHash = FileHash();
            var current = _state.Current is null ? null : _state.Versions[^1];
            Sender.Tell(new CurrentConfig(_topic, current, _state.Current?.Pinned ?? false, _filePath, fileHash, fileHash != current?.Hash, _state.FileDeleted, _ignoredFiles, _state.OldestKeptVersion, _state.PendingRejection));
        });
        Command<GetCurrentContent>(_ => Sender.Tell(new CurrentContent(_topic, _state.Current)));
        Command<GetHistory>(get => Sender.Tell(HistoryPage(get)));
        Command<GetVersion>(get => Sender.Tell(Lookup(get.Version)));
        Command<FetchContent>(fetch =>
        {
            if (_content.Serve(fetch, Sender, _state.FindByHash(fetch.Hash)) && _state.FindByHash(fetch.Hash) is { } stored)
            {
                ReadVersion(stored, (applied, error) => _content.Completed(stored.SequenceNr, applied, error));
            }
        });
        Command<JournalEventRead>(OnJournalEventRead);
        Command<GetTopicStatistics>(_ => Sender.Tell(new TopicStatistics(_topic, _statistics.Snapshot())));
        Command<SaveSnapshotSuccess>(OnSnapshotSaved);
        Command<SaveSnapshotFailure>(failure => _log.Warning(failure.Cause, "Topic {0}: snapshot failed; the journal still holds every event", _topic));
        Command<DeleteMessagesSuccess>(success =>
        {
            _deletedTo = Math.Max(_deletedTo, success.ToSequenceNr);
            _deleteInFlight = null;
            _deleteRetryDelay = TimeSpan.FromSeconds(1);
            DeleteOldEvents(_deletePending);
        });
        Command<DeleteMessagesFailure>(failure =>
        {
            // Kept to try again (a PostgreSQL deadlock or a timeout under load): a delete given up on left old events in
            // the journal until a later version happened to ask for more.
            _log.Warning(failure.Cause, "Topic {0}: deleting old events up to {1} failed; trying again in {2:0.#} s", _topic, failure.ToSequenceNr, _deleteRetryDelay.TotalSeconds);
            _deleteInFlight = null;
            _deletePending = Math.Max(_deletePending, failure.ToSequenceNr);
            Timers.StartSingleTimer(DeleteRetryTimerKey, DeleteRetryTick.Instance, _deleteRetryDelay);
            _deleteRetryDelay = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, _deleteRetryDelay.Ticks * 2));
        });
        Command<DeleteRetryTick>(_ => DeleteOldEvents(_deletePending));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failure => _log.Warning(failure.Cause, "Topic {0}: deleting old snapshots failed", _topic));
        Command<PassivateIfIdle>(_ => PassivateIfNoTopic());
        Command<StopTopic>(_ => Context.Stop(Self));
        Command<ReceiveTimeout>(_ =>
        {
            if (_state.FileDeleted)
            {
                Passivate();
            }
        });
    }

    private void AwaitingHooks()
    {
        Command<HooksCompleted>(OnHooksCompleted);
        CommandAny(_ => Stash.Stash());
    }

    /// <summary>The file's current hash (streamed, confined to the roots), or null when it cannot be read.</summary>
    private string? FileHash() => FileRead.HashOf(_filePath, _roots);

    /// <summary>Applies the rule: which file is read now, and whether others claim the topic (reported once per change).</summary>
    private void ResolveFile()
    {
        var choice = _files.Resolve(_topic);
        if (choice is null)
        {
            return; // no file now: keep the last path, the read reports it missing
        }

        _filePath = choice.Path;
        var ignored = choice.Ignored.IsDefault ? [] : choice.Ignored;
        if (!ignored.SequenceEqual(_ignoredFiles, StringComparer.Ordinal))
        {
            _ignoredFiles = ignored;
            if (choice.IsCollision)
            {
                var message = choice.Describe(_topic);
                _log.Warning("Topic {0}: {1}", _topic, message);
                Publish(ReloadEventType.TopicCollision, _state.Current?.Version, null, message, ImmutableDictionary<string, string>.Empty);
            }
            else
            {
                _log.Info("Topic {0}: only {1} defines the topic now", _topic, choice.Path);
            }
        }
    }

    private void Run(Attempt attempt)
    {
        Context.SetReceiveTimeout(null);
        ResolveFile();
        var read = FileRead.From(_filePath, _settings.Limits.MaxFileBytes, _roots);
        var decision = _pipeline.Evaluate(_state, read, _filePath, attempt.ManualBy, Now, fromWatcher: attempt.Trigger == ReloadTrigger.FileChanged);
        switch (decision)
        {
            case ReloadDecision.Unchanged:
                Finished(attempt, OutcomeKind.Unchanged);
                Reply(attempt, new ReloadOutcome(_topic, OutcomeKind.Unchanged, _state.Current?.Version, []));
                AfterAttempt();
                break;

            case ReloadDecision.Reject reject when reject.Retryable && attempt.Number < _settings.MaxReloadAttempts:
                _pendingRetry = attempt;
                Timers.StartSingleTimer(RetryTimerKey, RetryTick.Instance, _settings.RetryDelay * attempt.Number);
                break;

            case ReloadDecision.Reject { Persist: true } reject when _state.JournalsNextRejection:
                var persistingRejection = PersistSpan(attempt);
                Persist(reject.Event, rejected =>
                {
                    HotReloadTelemetry.Stop(persistingRejection);
                    _state = _state.Apply(rejected, LastSequenceNr);
                    MaybeSnapshot(force: false);
                    OnRejected(rejected, attempt);
                });
                break;

            case ReloadDecision.Reject reject:
                if (reject.Persist)
                {
                    // Too many rejections since the last version to journal them all: the index keeps this one.
                    _state = _state.RecordInMemory(reject.Event);
                }

                OnRejected(reject.Event, attempt);
                break;

            case ReloadDecision.Apply apply:
                var diff = DiffFromCurrent(apply.Template);
                var persisting = PersistSpan(attempt);
                Persist(apply.Event, applied =>
                {
                    HotReloadTelemetry.Stop(persisting);
                    OnApplied(applied, apply.Template);
                    if (attempt.ManualBy is null)
                    {
                        Publish(ReloadEventType.FileChanged, applied.Version, null, null, Metadata(applied, attempt));
                    }

                    StartHooks(new Applying(applied, apply.Resolved, apply.Scrubber, ReloadEventType.ReloadSuccess, attempt, IsRollback: false, Reason: null, diff));
                });
                break;
        }
    }

    /// <summary>After an attempt that changed nothing: a topic with neither file nor history goes away.</summary>
    private void AfterAttempt()
    {
        if (_state.IsEmpty)
        {
            Self.Tell(PassivateIfIdle.Instance);
        }
        else if (_state.FileDeleted)
        {
            Context.SetReceiveTimeout(_settings.DeletedTopicIdle);
        }
    }

    private void OnApplied(ConfigApplied applied, ConfigDocument? template)
    {
        _state = _state.Apply(applied, LastSequenceNr);
        _template = template;
        if (_versionGauge is { } gauge)
        {
            gauge.Value = applied.Version;
        }

        _content.SetCurrent(applied);
        var (trimmed, deleteTo) = _state.Trim(_settings.Retention, Now);
        if (deleteTo > 0)
        {
            _state = trimmed;
            _log.Info("Topic {0}: retention ({1}) drops versions before {2}", _topic, _settings.Retention, _state.OldestKeptVersion);
        }

        MaybeSnapshot(force: deleteTo > 0);
    }

    private void HandleRollback(Rollback command)
    {
        var replyTo = Sender;
        switch (ReloadPipeline.EvaluateRollback(_state, command))
        {
            case ReloadDecision.Refused refused:
                replyTo.Tell(new ReloadOutcome(_topic, OutcomeKind.Refused, _state.Current?.Version, refused.Errors));
                break;
            case ReloadDecision.Restore restore:
                var attempt = new Attempt(1, command.RequestedBy, [replyTo], _settings.TimeProvider.GetTimestamp(), ReloadTrigger.FileChanged, Span(HotReloadInstruments.RollbackSpan, null));
                var origin = ConfigOrigin.Rollback(restore.Target.Version, command.RequestedBy, null);
                RestoreVersion(restore.Target, origin, attempt, reason: null);
                break;
        }
    }

    /// <summary>Reads <paramref name="target"/>'s content (memory or journal) and persists it as a new, pinned version.</summary>
    private void RestoreVersion(VersionInfo target, ConfigOrigin origin, Attempt attempt, string? reason, Action<ConfigApplied?, string?>? done = null, long? onlyIfCurrent = null)
    {
        ReadVersion(target, (source, error) =>
        {
            // An automatic rollback undoes one failed version: if another was applied while the old content was read
            // (a fix of the file), the rollback would throw the fix away and pin it out.
            if (onlyIfCurrent is { } failed && _state.Current?.Version != failed)
            {
                var skipped = $"version {failed.ToString(CultureInfo.InvariantCulture)} is no longer current (version {_state.Current?.Version.ToString(CultureInfo.InvariantCulture)} was applied meanwhile); no rollback";
                _log.Info("Topic {0}: {1}", _topic, skipped);
                HotReloadTelemetry.Stop(attempt.Span, "skipped");
                done?.Invoke(null, skipped);
                return;
            }

            if (source is null)
            {
                var message = $"cannot restore version {target.Version.ToString(CultureInfo.InvariantCulture)}: {error}";
                _log.Warning("Topic {0}: {1}", _topic, message);
                Reply(attempt, new ReloadOutcome(_topic, OutcomeKind.Failed, _state.Current?.Version, [new ValidationError(string.Empty, message)]));
                HotReloadTelemetry.Stop(attempt.Span, HotReloadTelemetry.OutcomeName(OutcomeKind.Failed), "cannot read the version to restore");
                done?.Invoke(null, message);
                return;
            }

            var (template, resolved, scrubber) = _pipeline.MaterializeContent(source.Content, source.Format, _topic);
            var rollback = ReloadPipeline.RollbackTo(_state, target, source.Content, origin, FileHash(), Now);
            var diff = template is null ? default : DiffFromCurrent(template);
            var persisting = PersistSpan(attempt);
            Persist(rollback, applied =>
            {
                HotReloadTelemetry.Stop(persisting);
                OnApplied(applied, template);
                done?.Invoke(applied, null);
                StartHooks(new Applying(applied, resolved, scrubber, ReloadEventType.RollbackSuccess, attempt, IsRollback: true, Reason: reason, diff));
            });
        });
    }

    /// <summary>
    /// Calls <paramref name="then"/> with the stored event of <paramref name="version"/>: at once when its content is in
    /// memory, otherwise after reading that one event back from the journal.
    /// </summary>
    private void ReadVersion(VersionInfo version, Action<ConfigApplied?, string?> then)
    {
        if (_state.Current is { } current && current.Version == version.Version)
        {
            then(current, null);
            return;
        }

        if (_reads.TryGetValue(version.SequenceNr, out var waiting))
        {
            waiting.Add(then);
            return;
        }

        _reads[version.SequenceNr] = [then];
        var journal = Persistence.Instance.Apply(Context.System).JournalFor(JournalPluginId);
        Context.ActorOf(JournalEventReader.Props(journal, PersistenceId, version.SequenceNr, JournalReadTimeout));
    }

    private void OnJournalEventRead(JournalEventRead read)
    {
        if (!_reads.Remove(read.SequenceNr, out var waiting))
        {
            return;
        }

        var applied = read.Event as ConfigApplied;
        var error = read.Error ?? (applied is null ? "the journal holds another event at that position" : null);
        if (applied is not null)
        {
            _content.Remember(applied.Hash, applied.Content);
        }

        foreach (var then in waiting)
        {
            then(applied, error);
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

        if (!_state.IsEmpty)
        {
            _log.Warning("Topic {0}: {1} ({2}); keeping version {3}", _topic, type, error, _state.Current?.Version ?? 0);
            Publish(type, _state.Current?.Version, null, error, metadata);
        }

        var kind = type == ReloadEventType.ValidationFailed || rejected.Kind == RejectionKind.Parse ? OutcomeKind.Rejected : OutcomeKind.Failed;
        Finished(attempt, kind, rejected.Kind.ToString());
        Reply(attempt, new ReloadOutcome(_topic, kind, _state.Current?.Version, rejected.Errors));
        AfterAttempt();
    }

    private void StartHooks(Applying applying)
    {
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
                // The message travels (outcome, event, tail): bounded like validation errors.
                var message = ex.Message.Length > ReloadPipeline.MaxErrorLength ? ex.Message[..ReloadPipeline.MaxErrorLength] + "..." : ex.Message;
                return $"apply hook failed: {ex.GetType().Name}: {message}";
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
        applying.Attempt.Span?.SetTag("hotreload.version", applied.Version);
        var metadata = Metadata(applied, applying.Attempt);
        if (applying.Reason is not null)
        {
            metadata = metadata.SetItem(ReloadEventMetadata.Reason, applying.Reason);
        }

        if (hookError is null)
        {
            var traceParent = HotReloadTelemetry.TraceParentOf(applying.Attempt.Span, null);
            if (applying.IsRollback)
            {
                _telemetry.RolledBack(_topic, automatic: applied.Origin.By == "automatic");
                HotReloadTelemetry.Stop(applying.Attempt.Span, HotReloadTelemetry.OutcomeName(OutcomeKind.Applied));
            }
            else
            {
                Finished(applying.Attempt, OutcomeKind.Applied);
            }

            Publish(applying.SuccessType, applied.Version, applying.Resolved, null, metadata);
            Reply(applying.Attempt, new ReloadOutcome(_topic, OutcomeKind.Applied, applied.Version, []));
            _publisher.Publish(Announce(applied, applying.Diff.Lines, applying.Diff.From, traceParent));
            return;
        }

        if (applying.IsRollback)
        {
            HotReloadTelemetry.Stop(applying.Attempt.Span, HotReloadTelemetry.OutcomeName(OutcomeKind.Rejected), "apply hook failed");
        }
        else
        {
            Finished(applying.Attempt, OutcomeKind.Rejected, "apply hook failed");
        }

        _log.Error("Topic {0}: version {1} could not be applied: {2}", _topic, applied.Version, hookError);
        Publish(ReloadEventType.ReloadFailed, applied.Version, null, hookError, metadata);
        if (applying.IsRollback || !_settings.EnableRollback)
        {
            Reply(applying.Attempt, new ReloadOutcome(_topic, OutcomeKind.Rejected, applied.Version, [new ValidationError(string.Empty, hookError, "apply-hook")]));
            return;
        }

        switch (ReloadPipeline.EvaluateAutomaticRollback(_state))
        {
            case ReloadDecision.Restore restore:
                RestoreVersion(restore.Target, ConfigOrigin.Rollback(restore.Target.Version, "automatic", hookError), applying.Attempt with { ReplyTos = [] }, hookError, onlyIfCurrent: applied.Version, done: (rolledBack, error) =>
                {
                    var message = rolledBack is null
                        ? $"{hookError}; {error}"
                        : $"{hookError}; rolled back to version {restore.Target.Version.ToString(CultureInfo.InvariantCulture)} as version {rolledBack.Version.ToString(CultureInfo.InvariantCulture)}";
                    Reply(applying.Attempt, new ReloadOutcome(_topic, OutcomeKind.Rejected, rolledBack?.Version ?? applied.Version, [new ValidationError(string.Empty, message, "apply-hook")]));
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
        var attempt = new Attempt(1, null, [], _settings.TimeProvider.GetTimestamp(), ReloadTrigger.FileChanged, Span(HotReloadInstruments.RollbackSpan, null));
        Publish(ReloadEventType.ReloadFailed, failed.Version, null, reason, Metadata(current, attempt));
        if (ReloadPipeline.EvaluateAutomaticRollback(_state) is ReloadDecision.Restore restore)
        {
            RestoreVersion(restore.Target, ConfigOrigin.Rollback(restore.Target.Version, "automatic", reason), attempt, reason, onlyIfCurrent: failed.Version);
        }
        else
        {
            HotReloadTelemetry.Stop(attempt.Span, "skipped");
        }
    }

    private TopicHistory HistoryPage(GetHistory get) => TopicHistoryPages.Page(_topic, _state.History(), get.Offset, get.Max);

    private VersionLookup Lookup(long? version)
    {
        if (_state.Current is null)
        {
            return new VersionLookup(_topic, null, $"{_topic} has no version yet");
        }

        if (version is not { } v)
        {
            return new VersionLookup(_topic, _state.Versions[^1], null);
        }

        if (_state.FindVersion(v) is { } found)
        {
            return new VersionLookup(_topic, found, null);
        }

        return new VersionLookup(_topic, null, v >= 1 && v < _state.OldestKeptVersion
            ? ReloadPipeline.NotKept(v, _state.OldestKeptVersion)
            : string.Create(CultureInfo.InvariantCulture, $"{_topic} has no version {v} (current is {_state.Current.Version})"));
    }

    /// <summary>The diff from the current version's template to <paramref name="next"/>, computed once, here, on templates.</summary>
    private (ImmutableArray<string> Lines, long From) DiffFromCurrent(ConfigDocument next)
    {
        if (_state.Current is not { } current)
        {
            return ([], 0);
        }

        _template ??= _pipeline.MaterializeContent(current.Content, current.Format, _topic).Template;
        if (_template is null)
        {
            return ([], 0);
        }

        var diff = ConfigDiff.Compute(_template, next, VariableSubstitution.FindTemplatedPaths(next));
        return (DiffLines.From(diff), current.Version);
    }

    private ConfigChanged Announce(ConfigApplied applied, ImmutableArray<string> diff, long diffFrom, string? traceParent = null) =>
        new(_topic, applied.Version, applied.Hash, applied.Format, applied.Origin, applied.At, _state.Versions[^1].Size, diff.IsDefault ? [] : diff, diffFrom, traceParent);

    private Activity? Span(string name, string? traceParent) => _telemetry.Start(name, ActivityKind.Consumer, traceParent, _topic);

    /// <summary>A child span of the attempt's for the journal write (none when the attempt is not traced).</summary>
    private Activity? PersistSpan(Attempt attempt) =>
        attempt.Span is { } parent ? _telemetry.Start(HotReloadInstruments.PersistSpan, ActivityKind.Internal, parent.Id, _topic) : null;

    /// <summary>An attempt's outcome: counted, timed, and its span ended.</summary>
    private void Finished(Attempt attempt, OutcomeKind outcome, string? error = null)
    {
        var name = HotReloadTelemetry.OutcomeName(outcome);
        _telemetry.ReloadFinished(_topic, name, _settings.TimeProvider.GetElapsedTime(attempt.StartedAt).TotalMilliseconds);
        HotReloadTelemetry.Stop(attempt.Span, name, error);
    }

    private static void Reply(Attempt attempt, ReloadOutcome outcome)
    {
        foreach (var replyTo in attempt.ReplyTos)
        {
            replyTo.Tell(outcome);
        }
    }

    private void MaybeSnapshot(bool force)
    {
        if (force || LastSequenceNr % _settings.SnapshotEvery == 0)
        {
            SaveSnapshot(_state.ToSnapshot());
        }
    }

    /// <summary>
    /// A snapshot holds the whole state: older snapshots go, and so do the events that retention no longer keeps (at
    /// most up to the snapshot, which recovery starts from).
    /// </summary>
    private void OnSnapshotSaved(SaveSnapshotSuccess success)
    {
        // Saves can complete out of order (the snapshot store runs them in parallel): always keep only the newest one,
        // or a late success left the one before it behind.
        _latestSnapshot = Math.Max(_latestSnapshot, success.Metadata.SequenceNr);
        DeleteSnapshots(new SnapshotSelectionCriteria(_latestSnapshot - 1));

        // Events before the oldest kept version are in no answer any more (the snapshot holds the index).
        var oldest = _state.Versions.IsEmpty ? 0 : _state.Versions[0].SequenceNr;
        var deleteTo = Math.Min(oldest - 1, _latestSnapshot);
        DeleteOldEvents(deleteTo);
    }

    /// <summary>
    /// Deletes the events up to <paramref name="deleteTo"/>, one delete at a time: two deletes of one persistence id at
    /// once deadlock in PostgreSQL (each locks rows the other needs; seen under load), and a newer target waits for the
    /// running one instead.
    /// </summary>
    private void DeleteOldEvents(long deleteTo)
    {
        if (deleteTo <= _deletedTo)
        {
            return;
        }

        if (_deleteInFlight is { } running)
        {
            _deletePending = Math.Max(_deletePending, Math.Max(deleteTo, running));
            return;
        }

        _deleteInFlight = deleteTo;
        DeleteMessages(deleteTo);
    }

    private void PassivateIfNoTopic()
    {
        if (_state.IsEmpty && _files.Resolve(_topic) is null && !TopicFiles.Present(_filePath))
        {
            Passivate();
        }
    }

    /// <summary>Asks the parent (the shard, through the backoff supervisor; or the topic host) to stop this topic's actor.</summary>
    private void Passivate()
    {
        if (_passivating)
        {
            return;
        }

        _passivating = true;
        Context.SetReceiveTimeout(null);

        // The stop message goes through the backoff supervisor to this actor, after every message already sent to it.
        Context.Parent.Tell(new Passivate(StopTopic.Instance));
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
        if (_settings.EventSink is { } sink)
        {
            sink.Tell(reloadEvent);
        }
        else
        {
            Context.System.EventStream.Publish(reloadEvent);
        }
    }

    private sealed record Attempt(int Number, string? ManualBy, ImmutableArray<IActorRef> ReplyTos, long StartedAt, ReloadTrigger Trigger, Activity? Span = null);

    private sealed record Applying(ConfigApplied Event, ConfigDocument? Resolved, SecretScrubber Scrubber, ReloadEventType SuccessType, Attempt Attempt, bool IsRollback, string? Reason, (ImmutableArray<string> Lines, long From) Diff);

    private sealed record HooksCompleted(Applying Applying, string? Error);

    private sealed record DeleteRetryTick
    {
        public static readonly DeleteRetryTick Instance = new();

        private DeleteRetryTick()
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

    private sealed record PassivateIfIdle
    {
        public static readonly PassivateIfIdle Instance = new();

        private PassivateIfIdle()
        {
        }
    }
}
