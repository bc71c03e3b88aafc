namespace HotReloadCluster.Reloading;

/// <summary>Adapters from delegates to <see cref="IConfigApplyHook"/>.</summary>
public static class ConfigApplyHook
{
    /// <summary>A hook from a synchronous delegate.</summary>
    public static IConfigApplyHook From(Action<AppliedConfig> apply)
    {
        ArgumentNullException.ThrowIfNull(apply);
        return new DelegateHook((config, _) =>
        {
            apply(config);
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>A hook from an asynchronous delegate.</summary>
    public static IConfigApplyHook From(Func<AppliedConfig, CancellationToken, ValueTask> apply)
    {
        ArgumentNullException.ThrowIfNull(apply);
        return new DelegateHook(apply);
    }

    private sealed class DelegateHook(Func<AppliedConfig, CancellationToken, ValueTask> apply) : IConfigApplyHook
    {
        public ValueTask ApplyAsync(AppliedConfig config, CancellationToken cancellationToken) => apply(config, cancellationToken);
    }
}
