using System.Collections.Immutable;
using System.Globalization;
using Akka.Actor;
using HotReloadCluster.Hosting;
using HotReloadCluster.Watching;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HotReloadCluster.Diagnostics;

/// <summary>
/// Healthy when the watcher of every watched root is running and watching it, with inotify or by polling (the
/// description says which; a root falls back to polling when inotify refuses it). Degraded when a root does not exist
/// (its topics keep their last versions; the watcher looks for it again every poll interval). Unhealthy when a root's
/// watcher does not answer or there is no running ActorSystem.
/// </summary>
public sealed class WatcherHealthCheck : IHealthCheck
{
    private readonly Func<ActorSystem?> _system;
    private readonly ImmutableArray<string> _roots;
    private readonly TimeSpan _timeout;

    /// <summary>Creates the check.</summary>
    /// <param name="system">The ActorSystem to look at (called on every check: a node that rejoins has a new one).</param>
    /// <param name="options">The options the node was set up with (its <see cref="HotReloadOptions.WatchPaths"/> give the roots).</param>
    /// <param name="timeout">How long to wait for each watcher's answer; default 5 s.</param>
    public WatcherHealthCheck(Func<ActorSystem?> system, HotReloadOptions options, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(options);
        _system = system;
        var debounce = options.Debounce ?? HotReloadOptions.DefaultDebounce;
        _roots = [.. HotReloadHostingExtensions.PlanRoots(options.WatchPaths, debounce, options, TimeProvider.System).Select(r => r.Root)];
        _timeout = timeout ?? HotReloadHealthCheckOptions.DefaultTimeout;
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_system() is not { WhenTerminated.IsCompleted: false } system)
        {
            return HealthCheckResult.Unhealthy("no running ActorSystem");
        }

        if (_roots.IsEmpty)
        {
            return HealthCheckResult.Healthy("no watched roots");
        }

        var answers = await Task.WhenAll(_roots.Select((_, i) => AskAsync(system, i, cancellationToken)));
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var missing = 0;
        var silent = 0;
        for (var i = 0; i < _roots.Length; i++)
        {
            var root = _roots[i];
            string state;
            if (answers[i] is not { } tracked)
            {
                state = "watcher not answering";
                silent++;
            }
            else if (!Directory.Exists(root))
            {
                state = "root missing";
                missing++;
            }
            else if (!tracked.UsingNotifications && !tracked.Polling)
            {
                state = "not watched (inotify is being set up again)";
                missing++;
            }
            else
            {
                state = (tracked.UsingNotifications ? "inotify" : "polling") + string.Create(CultureInfo.InvariantCulture, $", {tracked.Topics.Length} topic(s)");
            }

            data[root] = state;
        }

        var description = string.Join("; ", data.Select(p => p.Key + ": " + p.Value));
        return silent > 0 ? HealthCheckResult.Unhealthy(description, data: data)
            : missing > 0 ? HealthCheckResult.Degraded(description, data: data)
            : HealthCheckResult.Healthy(description, data);
    }

    private async Task<TrackedFiles?> AskAsync(ActorSystem system, int index, CancellationToken cancellationToken)
    {
        try
        {
            var path = "/user/watch-" + index.ToString(CultureInfo.InvariantCulture);
            return await system.ActorSelection(path).Ask<TrackedFiles>(GetTrackedFiles.Instance, _timeout, cancellationToken);
        }
        catch (Exception ex) when (ex is AskTimeoutException or TaskCanceledException or ActorNotFoundException)
        {
            return null;
        }
    }
}
