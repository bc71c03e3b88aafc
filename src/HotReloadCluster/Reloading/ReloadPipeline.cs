using System.Collections.Immutable;
using System.Globalization;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Parsing;
using HotReloadCluster.Core.Substitution;
using HotReloadCluster.Core.Validation;

namespace HotReloadCluster.Reloading;

/// <summary>
/// The pure part of a reload: given a topic's state and what was read from its file, decide whether to
/// apply a new version, reject the attempt, or do nothing. No I/O happens here except loading the JSON schema
/// that sits beside the file by convention.
/// </summary>
internal sealed class ReloadPipeline
{
    private readonly ConfigParser _parser;
    private readonly IConfigValidator? _validator;
    private readonly IVariableSource? _variables;
    private readonly bool _useSchemaConvention;
    /// <summary>A schema file larger than this is refused (1 MiB).</summary>
    private const long SchemaLimitBytes = 1024 * 1024;

    private readonly IReadOnlyList<string> _roots;
    private (string Path, string Hash, SchemaLoad Load)? _schema;

    public ReloadPipeline(ParseLimits limits, IConfigValidator? validator, IVariableSource? variables, bool useSchemaConvention, IReadOnlyList<string> roots)
    {
        _roots = roots;
        _parser = new ConfigParser(limits);
        _validator = validator;
        _variables = variables;
        _useSchemaConvention = useSchemaConvention;
        Limits = limits;
    }

    public ParseLimits Limits { get; }

    /// <summary>Evaluates a read of the topic's file.</summary>
    /// <param name="state">The topic's state.</param>
    /// <param name="read">What was read.</param>
    /// <param name="path">The file.</param>
    /// <param name="manualBy">Who asked for a manual reload, or null for a file-triggered one.</param>
    /// <param name="now">The time of the decision.</param>
    /// <param name="fromWatcher">Whether the file watcher asked (not a start-up check): an already rejected save is not reported twice.</param>
    public ReloadDecision Evaluate(ReloadState state, FileRead read, string path, string? manualBy, DateTimeOffset now, bool fromWatcher = true)
    {
        var current = state.Current;
        var origin = manualBy is not null
            ? ConfigOrigin.Admin(path, manualBy)
            : current is null ? ConfigOrigin.Initial(path) : ConfigOrigin.File(path);

        if (read is FileRead.Content { ContentHash: var hash } && current?.Hash == hash)
        {
            return new ReloadDecision.Unchanged(hash, Pinned: false);
        }

        // Pinned by a rollback: the file is not re-applied until it changes. A rejection recorded since the pin
        // proves it did change (and maybe changed back), which releases the pin.
        if (manualBy is null && current is { Pinned: true } && current.PinnedFileHash == read.Hash && state.PendingRejection is null)
        {
            return new ReloadDecision.Unchanged(read.Hash, Pinned: true);
        }

        // The watcher seeing content that was already rejected (nothing applied since) is not a new attempt:
        // one bad save gives one rejection. An operator's manual reload always tries again.
        if (manualBy is null && fromWatcher && state.PendingRejection is { } last
            && (read is FileRead.Content && read.Hash == last.Hash
                || read is FileRead.Missing && last.Kind == RejectionKind.Missing
                || read is FileRead.Refused refusedAgain && last.Kind == RejectionKind.Refused && last.Errors is [{ } same] && same.Message == refusedAgain.Error))
        {
            return new ReloadDecision.Unchanged(read.Hash, Pinned: false);
        }

        switch (read)
        {
            case FileRead.Missing when state.IsEmpty:
                // No file and no history: there is no topic. Nothing is recorded (a typo must not create a topic).
                return new ReloadDecision.Reject(new ConfigRejected(state.Topic, null, RejectionKind.Missing, [new ValidationError(string.Empty, $"file not found: {path}")], origin, now), Persist: false, Retryable: false);
            case FileRead.Missing:
                return Reject(state, null, RejectionKind.Missing, [new ValidationError(string.Empty, $"file not found: {path}")], origin, now, retryable: false);
            case FileRead.Unreadable unreadable:
                return Reject(state, null, RejectionKind.Unreadable, [new ValidationError(string.Empty, unreadable.Error)], origin, now, retryable: true);
            case FileRead.Refused refused:
                return Reject(state, null, RejectionKind.Refused, [new ValidationError(string.Empty, refused.Error)], origin, now, retryable: false);
            case FileRead.TooLarge tooLarge:
                return Reject(state, null, RejectionKind.TooLarge, [new ValidationError(string.Empty, string.Create(CultureInfo.InvariantCulture, $"limit MaxFileBytes ({tooLarge.Limit}) exceeded: {path} has {tooLarge.Size} bytes"))], origin, now, retryable: false);
        }

        var content = (FileRead.Content)read;
        var format = ConfigFormats.FromPath(path) ?? ConfigFormat.Yaml;
        var parsed = _parser.Parse(content.Bytes, format, path);
        if (!parsed.IsSuccess)
        {
            // A parse error right after a write may be a partial write: the actor retries these.
            return Reject(state, content.ContentHash, RejectionKind.Parse, [new ValidationError(string.Empty, parsed.Error!.ToString())], origin, now, retryable: true);
        }

        var materialized = Materialize(parsed.Document!);
        if (materialized.Errors is { IsDefaultOrEmpty: false } substitutionErrors)
        {
            return Reject(state, content.ContentHash, RejectionKind.Substitution, substitutionErrors, origin, now, retryable: false);
        }

        // Validators see resolved values and may quote them: mask those before the errors go anywhere.
        var validation = Validate(materialized.Document!, path);
        if (!validation.IsValid)
        {
            return Reject(state, content.ContentHash, RejectionKind.Validation, materialized.Scrubber.Scrub(validation.Errors), origin, now, retryable: false);
        }

        // Parse succeeded, so the bytes are valid UTF-8; the template text is what we persist, exactly as read (a byte order
        // mark included): its UTF-8 bytes are the file's, so they have the version's hash wherever they are served.
        var text = System.Text.Encoding.UTF8.GetString(content.Bytes);
        var applied = new ConfigApplied(state.Topic, state.NextVersion, text, format, content.ContentHash, origin, now);
        return new ReloadDecision.Apply(applied, materialized.Document!, materialized.Scrubber, parsed.Document!);
    }

    /// <summary>
    /// Decides which kept version a manual rollback restores: <see cref="ReloadDecision.Restore"/> with the target
    /// (its content is then read, from memory or the journal, and given to <see cref="RollbackTo"/>), or
    /// <see cref="ReloadDecision.Refused"/>, naming the oldest version still kept when the target was deleted by retention.
    /// </summary>
    public static ReloadDecision EvaluateRollback(ReloadState state, Rollback command)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        var current = state.Current;
        if (current is null)
        {
            return Refuse("the topic has no version yet");
        }

        var oldest = state.OldestKeptVersion;
        switch (command.Mode)
        {
            case RollbackMode.Previous:
                return state.Versions.Count >= 2
                    ? new ReloadDecision.Restore(state.Versions[^2])
                    : Refuse(current.Version == 1 ? "there is no previous version" : NotKept(current.Version - 1, oldest));
            case RollbackMode.Initial:
                return oldest == 1 ? new ReloadDecision.Restore(state.Versions[0]) : Refuse(NotKept(1, oldest));
            case RollbackMode.ToVersion when command.Version is { } v:
                if (state.FindVersion(v) is { } target)
                {
                    return new ReloadDecision.Restore(target);
                }

                return v >= 1 && v < oldest
                    ? Refuse(NotKept(v, oldest))
                    : Refuse(string.Create(CultureInfo.InvariantCulture, $"version {v} does not exist (current is {current.Version})"));
            default:
                return Refuse("a version is required");
        }
    }

    /// <summary>The version an automatic rollback restores (after a failed apply): the previous one, or a refusal.</summary>
    public static ReloadDecision EvaluateAutomaticRollback(ReloadState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Versions.Count >= 2
            ? new ReloadDecision.Restore(state.Versions[^2])
            : Refuse("there is no earlier version to roll back to");
    }

    /// <summary>The message for a version that retention deleted.</summary>
    public static string NotKept(long version, long oldest) =>
        string.Create(CultureInfo.InvariantCulture, $"version {version} is no longer kept (deleted by retention); the oldest version kept is {oldest}");

    /// <summary>Parses stored content and resolves its variables as the consumer sees it.</summary>
    public (ConfigDocument? Template, ConfigDocument? Resolved, SecretScrubber Scrubber) MaterializeContent(string content, ConfigFormat format, string topic)
    {
        var parsed = _parser.Parse(content, format, topic);
        if (!parsed.IsSuccess)
        {
            return (null, null, SecretScrubber.None);
        }

        var materialized = Materialize(parsed.Document!);
        return (parsed.Document, materialized.Document, materialized.Scrubber);
    }

    /// <summary>The new version that restores <paramref name="target"/> (whose content is <paramref name="content"/>), pinned against the file.</summary>
    public static ConfigApplied RollbackTo(ReloadState state, VersionInfo target, string content, ConfigOrigin origin, string? fileHash, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(target);
        return new ConfigApplied(state.Topic, state.NextVersion, content, target.Format, target.Hash, origin, now, Pinned: true, PinnedFileHash: fileHash);
    }

    private static ReloadDecision.Refused Refuse(string message) => new([new ValidationError(string.Empty, message)]);

    private (ConfigDocument? Document, ImmutableArray<ValidationError> Errors, SecretScrubber Scrubber) Materialize(ConfigDocument template)
    {
        if (_variables is null)
        {
            return (template, [], SecretScrubber.None);
        }

        var result = VariableSubstitution.Resolve(template, _variables);
        return result.IsSuccess
            ? (result.Resolved, [], SecretScrubber.From(result))
            : (null, [.. result.Errors.Select(e => new ValidationError(e.Path.ToString(), e.Message, "substitution"))], SecretScrubber.None);
    }

    private ValidationResult Validate(ConfigDocument document, string path)
    {
        var validators = new List<IConfigValidator>(2);
        if (_validator is not null)
        {
            validators.Add(_validator);
        }

        if (_useSchemaConvention)
        {
            switch (Schema(path))
            {
                case SchemaLoad.Loaded loaded:
                    validators.Add(loaded.Validator);
                    break;
                case SchemaLoad.Broken broken:
                    return ValidationResult.Failure(string.Empty, broken.Error, "schema");
            }
        }

        return validators.Count == 0 ? ValidationResult.Success : new CompositeValidator(validators).Validate(document);
    }

    /// <summary>
    /// The schema beside <paramref name="path"/> (confined to the roots like the file itself), built again only
    /// when its content changed. A schema that cannot be read or is not a valid schema is a validation error
    /// naming the schema file, never an exception.
    /// </summary>
    private SchemaLoad Schema(string path)
    {
        var schemaPath = SchemaConvention.SchemaPathFor(path);
        var read = FileRead.From(schemaPath, SchemaLimitBytes, _roots);
        switch (read)
        {
            case FileRead.Missing:
                _schema = null;
                return SchemaLoad.None.Instance;
            case FileRead.Unreadable { Error: var error }:
                return new SchemaLoad.Broken($"cannot load schema {schemaPath}: {error}");
            case FileRead.Refused { Error: var error }:
                return new SchemaLoad.Broken($"cannot load schema {schemaPath}: {error}");
            case FileRead.TooLarge tooLarge:
                return new SchemaLoad.Broken(string.Create(CultureInfo.InvariantCulture, $"cannot load schema {schemaPath}: it has {tooLarge.Size} bytes, more than {SchemaLimitBytes}"));
        }

        var content = (FileRead.Content)read;
        if (_schema is { } cached && cached.Path == schemaPath && cached.Hash == content.ContentHash)
        {
            return cached.Load;
        }

        SchemaLoad load;
        try
        {
            var text = System.Text.Encoding.UTF8.GetString(StripBom(content.Bytes));
            load = new SchemaLoad.Loaded(JsonSchemaConfigValidator.FromText(text, Path.GetFileName(schemaPath)));
        }
        catch (SchemaLoadException ex)
        {
            load = new SchemaLoad.Broken($"cannot load schema {schemaPath}: {ex.Message}");
        }

        _schema = (schemaPath, content.ContentHash, load);
        return load;
    }

    private static ReloadDecision.Reject Reject(ReloadState state, string? hash, RejectionKind kind, ImmutableArray<ValidationError> errors, ConfigOrigin origin, DateTimeOffset now, bool retryable)
    {
        errors = BoundErrors(errors);
        var rejected = new ConfigRejected(state.Topic, hash, kind, errors, origin, now);

        // The same rejection again (same content, same errors, nothing applied since) is reported but not persisted
        // twice; a changed schema that rejects the same content for another reason is a new rejection.
        var repeat = state.PendingRejection is { } last && last.Hash == hash && last.Kind == kind
            && last.Errors.Select(e => e.Message).SequenceEqual(errors.Select(e => e.Message), StringComparer.Ordinal);
        return new ReloadDecision.Reject(rejected, Persist: !repeat, Retryable: retryable);
    }

    /// <summary>At most this many errors are recorded per rejection (the rest are counted in a last line).</summary>
    public const int MaxErrors = 20;

    /// <summary>An error message longer than this is cut (a validator may quote a whole value).</summary>
    public const int MaxErrorLength = 1000;

    /// <summary>
    /// Errors bounded in number and length, so that a rejection, its journal event, its history entry and every
    /// message that carries it stay small whatever the file or the validator produced.
    /// </summary>
    public static ImmutableArray<ValidationError> BoundErrors(ImmutableArray<ValidationError> errors)
    {
        if (errors.IsDefaultOrEmpty)
        {
            return errors.IsDefault ? [] : errors;
        }

        var bounded = errors.Take(MaxErrors).Select(e => e.Message.Length > MaxErrorLength || e.Path.Length > MaxErrorLength
            ? e with { Path = Cut(e.Path), Message = Cut(e.Message) }
            : e).ToList();
        if (errors.Length > MaxErrors)
        {
            bounded.Add(new ValidationError(string.Empty, string.Create(CultureInfo.InvariantCulture, $"... and {errors.Length - MaxErrors} more errors")));
        }

        return [.. bounded];

        static string Cut(string text) => text.Length > MaxErrorLength ? text[..MaxErrorLength] + "..." : text;
    }

    private static ReadOnlySpan<byte> StripBom(byte[] bytes) =>
        bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes.AsSpan(3) : bytes;

    /// <summary>What loading the conventional schema gave.</summary>
    private abstract record SchemaLoad
    {
        public sealed record None : SchemaLoad
        {
            public static readonly None Instance = new();
        }

        public sealed record Loaded(JsonSchemaConfigValidator Validator) : SchemaLoad;

        public sealed record Broken(string Error) : SchemaLoad;
    }
}
