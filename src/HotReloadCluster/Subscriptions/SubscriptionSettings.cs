using HotReloadCluster.Core.Parsing;
using HotReloadCluster.Core.Substitution;
using HotReloadCluster.Core.Validation;

namespace HotReloadCluster.Subscriptions;

/// <summary>How a service node applies the versions it receives.</summary>
public sealed record SubscriptionSettings
{
    /// <summary>Where <c>${VAR}</c> is resolved: this process's environment by default.</summary>
    public IVariableSource Variables { get; init; } = EnvironmentVariableSource.Instance;

    /// <summary>Typed validation run on the resolved document; a failure is reported as ApplyFailed.</summary>
    public IConfigValidator? Validator { get; init; }

    /// <summary>Parse limits for received content.</summary>
    public ParseLimits Limits { get; init; } = ParseLimits.Default;

    /// <summary>
    /// Where the last applied version of each topic is kept across ActorSystem incarnations of this process (a node that
    /// was downed and rejoined starts from it). Default: a store of this settings instance.
    /// </summary>
    public SubscriptionStore Store { get; init; } = new();

    /// <summary>
    /// Where the last applied version of each topic is kept on disk (null: nowhere). A process that starts while the
    /// cluster is unreachable serves it, marked stale, until the cluster answers.
    /// </summary>
    public LastKnownGoodCache? Cache { get; init; }

    /// <summary>The clock that stamps what this node reports to the registry (applied or refused, and when).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How often each topic re-subscribes (catch-up after a lost message or a moved registry). Default 2 s.</summary>
    public TimeSpan ResubscribeInterval { get; init; } = TimeSpan.FromSeconds(2);
}
