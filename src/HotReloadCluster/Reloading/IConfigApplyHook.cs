namespace HotReloadCluster.Reloading;

/// <summary>
/// Runs on every new version, after it is persisted. If it throws (or times out), the ReloadActor rolls
/// the topic back to the previous version (when rollback is enabled) and emits RollbackSuccess with the reason.
/// </summary>
public interface IConfigApplyHook
{
    /// <summary>Applies <paramref name="config"/> to the application.</summary>
    ValueTask ApplyAsync(AppliedConfig config, CancellationToken cancellationToken);
}
