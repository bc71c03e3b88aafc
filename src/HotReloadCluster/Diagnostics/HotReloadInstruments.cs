namespace HotReloadCluster.Diagnostics;

/// <summary>
/// The names of the instruments, spans and tags of the <c>HotReloadCluster</c> meter and activity source, in the
/// OpenTelemetry semantic-convention style (dot-separated, lower case, units in the instrument's unit). A Prometheus
/// exporter turns <c>hotreload.reload.duration</c> (ms) into <c>hotreload_reload_duration_milliseconds</c>.
/// </summary>
/// <remarks>
/// Tags never carry a configuration value, a resolved variable or an error text: only the topic (a file's name under a
/// watched root), the outcome, the role, the rollback trigger and the watched root.
/// </remarks>
public static class HotReloadInstruments
{
    /// <summary>Counter of finished reload attempts (file change, start-up comparison, manual reload); tags <see cref="TopicTag"/>, <see cref="OutcomeTag"/>.</summary>
    public const string Reloads = "hotreload.reloads";

    /// <summary>
    /// Histogram (ms) of a reload attempt on the source, from the ReloadActor receiving the debounced request to the
    /// outcome (persisted and its apply hooks run, or refused), retries included; tags <see cref="TopicTag"/>, <see cref="OutcomeTag"/>.
    /// </summary>
    public const string ReloadDuration = "hotreload.reload.duration";

    /// <summary>
    /// Histogram (ms) from a version's time on the source (<c>ConfigChanged.At</c>, taken when it is decided and
    /// persisted) to its apply on a subscriber node, by the wall clocks of both nodes; tag <see cref="TopicTag"/>. Recorded
    /// for versions that reach a subscriber already holding a version of the topic: a process's first version (its
    /// start-up, or a confirmation of its cache) is the version's age, not its propagation.
    /// </summary>
    public const string PropagationDelay = "hotreload.propagation.delay";

    /// <summary>
    /// Observable gauge of the current version per topic; tags <see cref="TopicTag"/> and <see cref="RoleTag"/>:
    /// <see cref="RoleSource"/> where the topic's ReloadActor runs, <see cref="RoleSubscriber"/> for the version this node applied.
    /// </summary>
    public const string TopicVersion = "hotreload.topic.version";

    /// <summary>Observable gauge of the subscriber nodes registered with a topic's registry entity hosted on this node; tag <see cref="TopicTag"/>.</summary>
    public const string Subscribers = "hotreload.subscribers";

    /// <summary>Counter of persisted rollbacks; tags <see cref="TopicTag"/>, <see cref="TriggerTag"/> (<c>manual</c> or <c>automatic</c>).</summary>
    public const string Rollbacks = "hotreload.rollbacks";

    /// <summary>Observable gauge per watched root: 1 when it fell back to polling (inotify unavailable), else 0; tag <see cref="RootTag"/>.</summary>
    public const string WatcherPolling = "hotreload.watcher.polling";

    /// <summary>The topic tag (bounded: see <see cref="HotReloadTelemetry.MaxTopicTagValues"/>).</summary>
    public const string TopicTag = "topic";

    /// <summary>The outcome tag: <c>applied</c>, <c>unchanged</c>, <c>rejected</c> (parse, substitution, validation or apply hook) or <c>failed</c> (unreadable file, journal failure).</summary>
    public const string OutcomeTag = "outcome";

    /// <summary>The role tag of <see cref="TopicVersion"/>.</summary>
    public const string RoleTag = "role";

    /// <summary>The trigger tag of <see cref="Rollbacks"/>.</summary>
    public const string TriggerTag = "trigger";

    /// <summary>The watched root tag of <see cref="WatcherPolling"/> (a configured folder).</summary>
    public const string RootTag = "root";

    /// <summary><see cref="RoleTag"/> of the version held by the topic's ReloadActor.</summary>
    public const string RoleSource = "source";

    /// <summary><see cref="RoleTag"/> of the version applied by this node's subscription.</summary>
    public const string RoleSubscriber = "subscriber";

    /// <summary>Span from a burst's first file event to the debounced reload request (on the watching node).</summary>
    public const string FileEventSpan = "hotreload.file_event";

    /// <summary>Span of a reload attempt on the topic's ReloadActor, until its outcome.</summary>
    public const string ReloadSpan = "hotreload.reload";

    /// <summary>Span of a rollback (manual, or after a subscriber refused a version), until the rolled-back version is applied.</summary>
    public const string RollbackSpan = "hotreload.rollback";

    /// <summary>Child span of <see cref="ReloadSpan"/> or <see cref="RollbackSpan"/>: the journal write.</summary>
    public const string PersistSpan = "hotreload.persist";

    /// <summary>Span of the registry entity taking a new version and forwarding it to the subscribers.</summary>
    public const string RegistrySpan = "hotreload.registry.publish";

    /// <summary>Span of a subscriber node getting (cache or fetch), parsing, resolving, validating and handing out a version.</summary>
    public const string ApplySpan = "hotreload.subscriber.apply";
}
