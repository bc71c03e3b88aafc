using HotReloadCluster.Core.Debouncing;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Parsing;
using HotReloadCluster.Core.Substitution;
using HotReloadCluster.Core.Validation;
using HotReloadCluster.Hosting;
using HotReloadCluster.Reloading;

namespace HotReloadCluster.Facade;

/// <summary>Options of a <see cref="ConfigHotReloader"/> (the seed's <c>HotReloadConfig</c>).</summary>
public sealed class ConfigHotReloaderOptions
{
    /// <summary>The configuration files (or folders) to watch.</summary>
    public IList<string> ConfigPaths { get; } = [];

    /// <summary>A plain validator, as in the seed: return false to reject a document.</summary>
    public Func<ConfigDocument, bool>? Validator { get; set; }

    /// <summary>A richer validator that reports every error with its path.</summary>
    public IConfigValidator? ConfigValidator { get; set; }

    /// <summary>Validate against <c>&lt;name&gt;.schema.json</c> beside each file when present. Default true.</summary>
    public bool UseSchemaConvention { get; set; } = true;

    /// <summary>The seed's debounce interval: a fixed delay after the last event. Ignored when <see cref="Debounce"/> is set.</summary>
    public TimeSpan? DebounceInterval { get; set; }

    /// <summary>The full debounce configuration (strategy, base, multiplier, max).</summary>
    public DebounceConfig? Debounce { get; set; }

    /// <summary>Attempts before an unreadable or unparsable file is final. Default 3.</summary>
    public int MaxReloadAttempts { get; set; } = 3;

    /// <summary>Roll back automatically when an apply hook fails. Default true.</summary>
    public bool EnableRollback { get; set; } = true;

    /// <summary>Collect reload statistics. Default true.</summary>
    public bool StatsEnabled { get; set; } = true;

    /// <summary>An apply hook that takes longer has failed. Default 30 s.</summary>
    public TimeSpan ApplyHookTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Hooks run on every new version; a failing hook triggers a rollback.</summary>
    public IList<IConfigApplyHook> ApplyHooks { get; } = [];

    /// <summary>Where <c>${VAR}</c> references are resolved; default the process environment.</summary>
    public IVariableSource Variables { get; set; } = EnvironmentVariableSource.Instance;

    /// <summary>Parse limits (file size, depth, nodes, scalar length).</summary>
    public ParseLimits Limits { get; set; } = ParseLimits.Default;

    /// <summary>
    /// The ActorSystem to run on (the application's; set by <c>services.AddHotReload</c>); null: one minimal ActorSystem
    /// shared by the process's reloaders. Used with the in-memory journal only (a SQL journal gets a private one).
    /// </summary>
    public Akka.Actor.ActorSystem? ActorSystem { get; set; }

    /// <summary>The journal: in memory by default (as the seed), or <see cref="HotReloadPersistence.Sqlite"/> to keep history.</summary>
    public HotReloadPersistence Persistence { get; set; } = HotReloadPersistence.InMemory;

    /// <summary>Poll instead of inotify. Default false.</summary>
    public bool Polling { get; set; }

    /// <summary>How long <see cref="ConfigHotReloader.StartAsync"/> waits for the initial load. Default 30 s.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock; default the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal DebounceConfig EffectiveDebounce() =>
        Debounce ?? (DebounceInterval is { } interval
            ? new DebounceConfig { Strategy = DebounceStrategy.FixedDelay, BaseDelay = interval, MaxDelay = interval * 10 > TimeSpan.FromSeconds(1) ? interval * 10 : TimeSpan.FromSeconds(1) }
            : HotReloadOptions.DefaultDebounce);

    internal ReloadSettings ToReloadSettings()
    {
        var validators = new List<IConfigValidator>();
        if (Validator is not null)
        {
            validators.Add(ConfigValidators.FromPredicate(Validator, name: "validator"));
        }

        if (ConfigValidator is not null)
        {
            validators.Add(ConfigValidator);
        }

        return new ReloadSettings
        {
            MaxReloadAttempts = MaxReloadAttempts,
            EnableRollback = EnableRollback,
            ApplyHooks = [.. ApplyHooks],
            ApplyHookTimeout = ApplyHookTimeout,
            Variables = Variables,
            Limits = Limits,
            UseSchemaConvention = UseSchemaConvention,
            Validator = validators.Count == 0 ? null : new CompositeValidator(validators),
            TimeProvider = TimeProvider,
            CandidateCheck = CandidateCheck,
        };
    }

    /// <summary>Whether each file's keys sit under a section named after its topic in <see cref="ConfigHotReloader.Feed"/>.</summary>
    internal bool SectionPerTopic { get; set; }

    /// <summary>The application's check of a candidate (set by the configuration providers for options validation).</summary>
    internal Func<string, ConfigDocument, string?>? CandidateCheck { get; set; }
}
