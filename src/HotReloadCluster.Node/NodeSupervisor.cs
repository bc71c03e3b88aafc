using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HotReloadCluster.Node;

/// <summary>
/// Runs the node's host and keeps it in the cluster: when this node is removed from the cluster — downed after a long
/// pause (GC, VM migration, SIGSTOP) or a partition, or because its side lost the majority of config nodes — the
/// ActorSystem cannot rejoin, so the supervisor stops it and starts a new one, a new incarnation that joins the seeds
/// again, with a growing pause (1 s doubling to 30 s; back to 1 s after an incarnation stayed up a minute). The process
/// exits with 0 only when asked to stop (SIGINT, SIGTERM), and with 1 when the node cannot start at all, after one
/// clear line on stderr.
/// </summary>
internal static class NodeSupervisor
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StableUptime = TimeSpan.FromMinutes(1);

    /// <summary>How many times in a row a new incarnation may fail to start before the process gives up.</summary>
    public const int MaxFailedStarts = 10;

    /// <summary>The pause before incarnation attempt <paramref name="attempt"/> (1-based).</summary>
    public static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Max(0, attempt - 1))));

    /// <summary>Runs until asked to stop; returns the process exit code.</summary>
    public static async Task<int> RunAsync(Func<int, IHost> build, TextWriter log, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(log);
        var incarnation = 0;
        var attempt = 0;
        var failedStarts = 0;
        while (!stop.IsCancellationRequested)
        {
            incarnation++;
            IHost? starting = null;
            IHost host;
            try
            {
                if (incarnation > 1)
                {
                    await log.WriteLineAsync(Line($"cluster: starting incarnation {incarnation}")).ConfigureAwait(false);
                }

                starting = build(incarnation);
                var start = starting.StartAsync(stop);

                // A hosted service that does not watch the token could keep StartAsync, and a stop asked meanwhile, waiting.
                var stopAsked = Task.Delay(Timeout.Infinite, stop);
                if (await Task.WhenAny(start, stopAsked).ConfigureAwait(false) != start)
                {
                    await StopQuietlyAsync(starting).ConfigureAwait(false);
                    return 0;
                }

                await start.ConfigureAwait(false);
                host = starting;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Asked to stop while this incarnation was starting (its first versions may already be out): stop what did
                // start, or the ActorSystem's threads keep the process alive after Main returns.
                if (starting is not null)
                {
                    await StopAsync(starting).ConfigureAwait(false);
                }

                return 0;
            }
#pragma warning disable CA1031 // Any start failure is reported; the first one ends the process, later ones are retried.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                var cause = ex.GetBaseException();
                if (starting is not null)
                {
                    await StopQuietlyAsync(starting).ConfigureAwait(false); // a half-started incarnation must not linger
                }

                if (incarnation == 1 || ++failedStarts >= MaxFailedStarts)
                {
                    await log.WriteLineAsync($"error: the node cannot start: {cause.GetType().Name}: {cause.Message}").ConfigureAwait(false);
                    return 1;
                }

                await log.WriteLineAsync(Line($"cluster: incarnation {incarnation} failed to start ({cause.Message}); trying again in {Backoff(failedStarts).TotalSeconds:0} s")).ConfigureAwait(false);
                if (!await DelayAsync(Backoff(failedStarts), stop).ConfigureAwait(false))
                {
                    return 0;
                }

                continue;
            }

            failedStarts = 0;
            var system = host.Services.GetRequiredService<ActorSystem>();
            var removed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Akka.Cluster.Cluster.Get(system).RegisterOnMemberRemoved(() => removed.TrySetResult());
            HotReloadCluster.Cluster.QuarantineWatcher.Start(system, e =>
            {
                log.WriteLine(Line($"cluster: {e.RemoteAddress} quarantined this incarnation (it removed this node from the cluster)"));
                removed.TrySetResult();
            });
            var uptime = Stopwatch.StartNew();
            var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using (stop.Register(() => stopped.TrySetResult()))
            {
                await Task.WhenAny(stopped.Task, removed.Task, system.WhenTerminated).ConfigureAwait(false);
            }

            if (stop.IsCancellationRequested)
            {
                await StopAsync(host).ConfigureAwait(false);
                return 0;
            }

            attempt = uptime.Elapsed > StableUptime ? 1 : attempt + 1;
            var delay = Backoff(attempt);
            await log.WriteLineAsync(Line(
                $"cluster: this node was removed from the cluster (downed after a long pause or a partition, or its side lost the majority of config nodes); rejoining as incarnation {incarnation + 1} in {delay.TotalSeconds:0} s; subscribers keep their last good versions")).ConfigureAwait(false);
            await StopAsync(host).ConfigureAwait(false);
            if (!await DelayAsync(delay, stop).ConfigureAwait(false))
            {
                return 0;
            }
        }

        return 0;
    }

    private static string Line(FormattableString text) =>
        DateTime.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) + " " + text.ToString(CultureInfo.InvariantCulture);

    private static async Task StopAsync(IHost host)
    {
        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await host.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The ActorSystem is gone or going; the next incarnation does not wait for a slow shutdown.
        }

        // Disposing the host disposes the ActorSystem, which waits for its termination without a limit of its own: an
        // incarnation whose shutdown hangs must not keep the next one from starting (nor the process from exiting).
        var dispose = Task.Run(() =>
        {
            try
            {
                host.Dispose();
            }
#pragma warning disable CA1031 // The incarnation is over either way; its disposal errors have nobody to go to.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        });
        if (await Task.WhenAny(dispose, Task.Delay(StopTimeout)).ConfigureAwait(false) != dispose)
        {
            await Console.Error.WriteLineAsync(Line($"cluster: an incarnation did not finish stopping within {StopTimeout.TotalSeconds:0} s; going on without waiting for it")).ConfigureAwait(false);
        }
    }

    /// <summary>Stops a host whose start failed; its own failure to stop adds nothing to the start failure already reported.</summary>
    private static async Task StopQuietlyAsync(IHost host)
    {
        try
        {
            await StopAsync(host).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Best effort: the start failure is what the operator needs to see.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>Waits <paramref name="delay"/>; false when asked to stop meanwhile.</summary>
    private static async Task<bool> DelayAsync(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, stop).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
