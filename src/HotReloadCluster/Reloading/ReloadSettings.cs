using System.Collections.Immutable;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Parsing;
using HotReloadCluster.Core.Substitution;
using HotReloadCluster.Core.Validation;

namespace HotReloadCluster.Reloading;

/// <summary>How a ReloadActor reads, validates and applies its topic.</summary>
public sealed record ReloadSettings
{
    /// <summary>
    /// Attempts per reload before an I/O or parse error is final. A parse error right after a write may be a
    /// partial write, so it is retried too. Default 3.
    /// </summary>
    public int MaxReloadAttempts { get; init; } = 3;

    /// <summary>Wait before attempt n+1 is n × this. Default 25 ms.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>A snapshot is saved every this many journal events. Default 100.</summary>
    public int SnapshotEvery { get; init; } = 100;

    /// <summary>Parse limits, including the file size limit (default 10 MiB).</summary>
    public ParseLimits Limits { get; init; } = ParseLimits.Default;

    /// <summary>Custom validators, run on every candidate document.</summary>
    public IConfigValidator? Validator { get; init; }

    /// <summary>Also validate against <c>&lt;name&gt;.schema.json</c> beside the file when it exists. Default true.</summary>
    public bool UseSchemaConvention { get; init; } = true;

    /// <summary>
    /// Where <c>${VAR}</c> references are resolved before validation and hooks, in this process only; resolved
    /// values are never persisted, logged or sent. Null validates the template as written.
    /// </summary>
    public IVariableSource? Variables { get; init; }

    /// <summary>Roll back automatically when an apply hook fails. Default true.</summary>
    public bool EnableRollback { get; init; } = true;

    /// <summary>Hooks run on every new version.</summary>
    public ImmutableArray<IConfigApplyHook> ApplyHooks { get; init; } = [];

    /// <summary>An apply hook that takes longer has failed. Default 30 s.</summary>
    public TimeSpan ApplyHookTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The watched roots: a topic's file is read only when its real path (every link resolved) lies inside one of
    /// them, and only when it is a regular file. Empty (the default) confines each file to its own folder.
    /// </summary>
    public ImmutableArray<string> WatchRoots { get; init; } = [];

    /// <summary>
    /// The watched roots with their file filters, for the rule that picks a topic's file (<see cref="Topics.TopicFiles"/>);
    /// set by the hosting extensions. Empty: <see cref="WatchRoots"/>, every topic file, or the file's own folder.
    /// </summary>
    internal ImmutableArray<Topics.TopicRoot> TopicRoots { get; init; } = [];

    /// <summary>
    /// How long the actor of a topic whose file was deleted stays in memory without being asked anything before it
    /// passivates (its last version stays in the journal, readable; asking starts it again). Default 10 s.
    /// </summary>
    public TimeSpan DeletedTopicIdle { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How much history each topic keeps (default: the last 1,000 versions).</summary>
    public RetentionSettings Retention { get; init; } = RetentionSettings.Default;

    /// <summary>
    /// Prepended to each topic's persistence id (<c>reload-&lt;topic&gt;</c>), so that several independent sets of files
    /// can share one ActorSystem and journal (the configuration providers do). Empty by default.
    /// </summary>
    internal string PersistenceIdPrefix { get; init; } = string.Empty;

    /// <summary>Where <see cref="Core.Events.ReloadEvent"/>s go; null (the default): the ActorSystem's event stream.</summary>
    internal Akka.Actor.IActorRef? EventSink { get; init; }

    /// <summary>
    /// The application's own check of a topic's candidate config (options validation of the configuration providers):
    /// returns the errors, or null to accept. Runs after the other validators, before anything is persisted.
    /// </summary>
    internal Func<string, ConfigDocument, string?>? CandidateCheck { get; init; }

    /// <summary>The journal plugin of the ReloadActors; null: the ActorSystem's default journal.</summary>
    internal string? JournalPluginId { get; init; }

    /// <summary>The snapshot-store plugin of the ReloadActors; null: the ActorSystem's default snapshot store.</summary>
    internal string? SnapshotPluginId { get; init; }

    /// <summary>The clock for event timestamps and reload times.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The roots that confine <paramref name="filePath"/>: <see cref="WatchRoots"/>, or the file's own folder.</summary>
    internal IReadOnlyList<string> RootsFor(string filePath) =>
        WatchRoots.IsDefaultOrEmpty
            ? [Path.GetDirectoryName(Path.GetFullPath(filePath)) ?? Path.GetFullPath(".")]
            : [.. WatchRoots.Select(Path.GetFullPath)];

    /// <summary>The rule that picks the file of a topic whose file is (or was) <paramref name="filePath"/>.</summary>
    internal Topics.TopicFiles TopicFilesFor(string filePath) =>
        new(!TopicRoots.IsDefaultOrEmpty
            ? TopicRoots
            : RootsFor(filePath).Select(root => new Topics.TopicRoot(root, WatchRoots.IsDefaultOrEmpty ? [Path.GetFullPath(filePath)] : [])));

    /// <summary>Throws <see cref="ArgumentException"/> when a setting is out of range.</summary>
    public void Validate()
    {
        if (MaxReloadAttempts < 1)
        {
            throw new ArgumentException("MaxReloadAttempts must be at least 1.", nameof(MaxReloadAttempts));
        }

        if (RetryDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("RetryDelay must not be negative.", nameof(RetryDelay));
        }

        if (SnapshotEvery < 1)
        {
            throw new ArgumentException("SnapshotEvery must be at least 1.", nameof(SnapshotEvery));
        }

        ArgumentNullException.ThrowIfNull(Retention, nameof(Retention));
        Retention.Validate();
        if (ApplyHookTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("ApplyHookTimeout must be positive.", nameof(ApplyHookTimeout));
        }
    }
}
