using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using HotReloadCluster.Cluster;
using HotReloadCluster.Cluster.Tls;
using HotReloadCluster.Hosting;
using HotReloadCluster.Serialization;
using HotReloadCluster.Subscriptions;
using Microsoft.Extensions.Logging;

namespace HotReloadCluster.Configuration;

/// <summary>
/// An application's membership in the config cluster, on an ActorSystem of its own, run as incarnations: a member that
/// was downed (after a long GC pause, a VM migration, a partition) or removed cannot rejoin with the same ActorSystem,
/// so this stops it and starts a new one that joins the seeds again — with a growing pause (1 s doubling to 30 s; back
/// to 1 s after an incarnation stayed up a minute). The application's own ActorSystem never joins the config cluster:
/// a pause in the config system can neither end the application nor leave it deaf to later versions. Meanwhile the
/// configuration keeps its last good values; what every subscription applied is kept across incarnations
/// (<see cref="SubscriptionSettings.Store"/>), so no version is applied twice.
/// </summary>
internal sealed partial class EmbeddedSubscriber
{
    private static readonly TimeSpan StableUptime = TimeSpan.FromMinutes(1);
    private readonly ClusterNodeOptions _cluster;
    private readonly SubscriptionSettings _subscriptions;
    private readonly IReadOnlyList<ConfigFeed> _feeds;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly ILogger? _log;
    private readonly object _gate = new();
    private readonly TimeSpan _firstBackoff;
    private IActorRef _forwarder = ActorRefs.Nobody;
    private ActorSystem? _current;
    private int _incarnation;
    private int _attempt;
    private bool _stopping;
    private Stopwatch _uptime = new();

    /// <summary>Creates the subscriber; nothing runs before <see cref="Start"/>.</summary>
    public EmbeddedSubscriber(ClusterNodeOptions cluster, SubscriptionSettings subscriptions, IReadOnlyList<ConfigFeed> feeds, ILoggerFactory? loggerFactory, TimeSpan? firstBackoff = null)
    {
        _cluster = cluster with { Roles = [HotReloadRoles.Subscriber] };
        _subscriptions = subscriptions;
        _feeds = feeds;
        _loggerFactory = loggerFactory;
        _log = loggerFactory?.CreateLogger("HotReloadCluster.Subscriber");
        _firstBackoff = firstBackoff ?? TimeSpan.FromSeconds(1);
    }

    /// <summary>The running incarnation's ActorSystem; null between two incarnations and after the stop.</summary>
    public ActorSystem? Current => Volatile.Read(ref _current);

    /// <summary>How many incarnations were started.</summary>
    public int Incarnation => Volatile.Read(ref _incarnation);

    /// <summary>The pause before incarnation attempt <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan Backoff(int attempt) =>
        TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(30).Ticks, (long)(_firstBackoff.Ticks * Math.Pow(2, Math.Max(0, attempt - 1)))));

    /// <summary>Starts the first incarnation; <paramref name="forwarder"/> (on the application's ActorSystem) learns each incarnation's manager.</summary>
    public void Start(IActorRef forwarder)
    {
        _forwarder = forwarder;
        StartIncarnation();
    }

    /// <summary>
    /// Stops the current incarnation for good, within <paramref name="budget"/> (the application's own shutdown phase
    /// that calls this has a deadline of its own); a leave that takes longer is cut short, and the config cluster then
    /// downs the member after its usual wait.
    /// </summary>
    public async Task StopAsync(TimeSpan budget)
    {
        ActorSystem? system;
        lock (_gate)
        {
            _stopping = true;
            system = _current;
            _current = null;
        }

        if (system is not null)
        {
            await TerminateAsync(system, budget).ConfigureAwait(false);
        }
    }

    private void StartIncarnation()
    {
        ActorSystem system;
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }

            var incarnation = ++_incarnation;
            var config = ConfigurationFactory.ParseString("""
                    akka.coordinated-shutdown.exit-clr = off
                    akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
                    akka.cluster.run-coordinated-shutdown-when-down = on
                    """)
                .WithFallback(ClusterHocon.For(_cluster))
                .WithFallback(ConfigurationFactory.ParseString(SerializationHocon.Config))
                .WithFallback(ConfigurationFactory.ParseString(RuntimeHocon.Config));
            var setup = TlsRemoting.ActorSystemSetup(
                _loggerFactory is null ? config : ConfigurationFactory.ParseString("akka.loggers = [\"Akka.Hosting.Logging.LoggerFactoryLogger, Akka.Hosting\"]").WithFallback(config),
                _cluster.Tls);
            if (_loggerFactory is not null)
            {
                setup = setup.And(new Akka.Hosting.Logging.LoggerFactorySetup(_loggerFactory));
            }

            system = ActorSystem.Create(_cluster.SystemName, setup);
            try
            {
                var handles = HotReloadClusterNode.Start(system, _cluster.Roles, new Reloading.ReloadSettings(), [], _subscriptions);
                system.ActorOf(ConfigFeedActor.Props(handles.Subscriptions!, _feeds), "hotreload-config-feed");
                Akka.Cluster.Cluster.Get(system).RegisterOnMemberRemoved(() => _ = RejoinAsync(system));
                QuarantineWatcher.Start(system, e => { _ = RejoinAsync(system); });
                system.WhenTerminated.ContinueWith(_ => RejoinAsync(system), TaskScheduler.Default);
                _forwarder.Tell(new SubscriptionForwarderActor.Incarnation(handles.Subscriptions!, incarnation));
            }
            catch
            {
                _ = system.Terminate();
                throw;
            }

            // Last: from here on this system is the running incarnation, and only its own end starts the next one.
            _current = system;
            _uptime = Stopwatch.StartNew();
        }

        if (Incarnation > 1 && _log is not null)
        {
            try
            {
                LogJoining(_log, Incarnation);
            }
#pragma warning disable CA1031 // A logging provider's failure must not count as a failed start.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    /// <summary>The member of <paramref name="system"/> was removed (or its ActorSystem ended): start the next incarnation.</summary>
    private async Task RejoinAsync(ActorSystem system)
    {
        try
        {
            await RejoinCoreAsync(system).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Fire-and-forget from a cluster callback: nothing may escape unobserved.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            System.Diagnostics.Trace.TraceError("HotReloadCluster: the subscriber could not rejoin the config cluster: " + ex);
        }
    }

    private async Task RejoinCoreAsync(ActorSystem system)
    {
        TimeSpan delay;
        lock (_gate)
        {
            if (_stopping || !ReferenceEquals(_current, system))
            {
                return; // asked to stop, or the other of the two signals already handled it
            }

            _current = null;
            _attempt = _uptime.Elapsed > StableUptime ? 1 : _attempt + 1;
            delay = Backoff(_attempt);
        }

        if (_log is not null)
        {
            LogRemoved(_log, Incarnation + 1, delay.TotalSeconds);
        }

        await TerminateAsync(system, TimeSpan.FromSeconds(20)).ConfigureAwait(false);
        while (true)
        {
            await Task.Delay(delay).ConfigureAwait(false);
            try
            {
                StartIncarnation();
                return;
            }
#pragma warning disable CA1031 // A failed start (say, the port still held) is retried with the next backoff, never thrown into the application.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                lock (_gate)
                {
                    if (_stopping)
                    {
                        return;
                    }

                    delay = Backoff(++_attempt);
                }

                if (_log is not null)
                {
                    LogFailedStart(_log, Incarnation, ex.GetBaseException().Message, delay.TotalSeconds);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Config cluster: joining again as incarnation {Incarnation}")]
    private static partial void LogJoining(ILogger logger, int incarnation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Config cluster: this service was removed from the cluster (downed after a long pause or a partition); rejoining as incarnation {Next} in {Delay} s; the configuration keeps its last good values meanwhile")]
    private static partial void LogRemoved(ILogger logger, int next, double delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Config cluster: incarnation {Incarnation} failed to start ({Error}); trying again in {Delay} s")]
    private static partial void LogFailedStart(ILogger logger, int incarnation, string error, double delay);

    /// <summary>Leaves (when still a member) and terminates within <paramref name="budget"/>; a shutdown that overruns it is left to finish by itself.</summary>
    private static async Task TerminateAsync(ActorSystem system, TimeSpan budget)
    {
        var deadline = Stopwatch.StartNew();
        try
        {
            await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance).WaitAsync(budget).ConfigureAwait(false);
            await system.WhenTerminated.WaitAsync(Remaining()).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _ = system.Terminate();
        }

        TimeSpan Remaining() => budget - deadline.Elapsed > TimeSpan.Zero ? budget - deadline.Elapsed : TimeSpan.Zero;
    }
}
