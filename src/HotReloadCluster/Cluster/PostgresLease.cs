using Akka.Actor;
using Akka.Cluster;
using Akka.Coordination;
using Akka.Event;
using Npgsql;

namespace HotReloadCluster.Cluster;

/// <summary>
/// An Akka.Coordination lease kept in a PostgreSQL table (<c>hotreload_lease</c>, created when missing) of the journal's
/// database, for the split brain resolver's <c>lease-majority</c> strategy: when the config nodes split evenly or the
/// oldest one crashes, the side that takes the lease stays and the other downs itself. Times are the database server's
/// (<c>now()</c>), so node clocks do not matter. A holder renews the lease every heartbeat interval; if it dies while
/// holding it, the lease is free again after the heartbeat timeout.
/// </summary>
/// <remarks>Configured by <see cref="ClusterHocon"/> (section <c>hotreload.sbr-lease</c>: <c>connection-string</c>).</remarks>
public sealed class PostgresLease : Lease, IDisposable
{
    private readonly LeaseStore _store;
    private readonly ILoggingAdapter _log;
    private readonly ExtendedActorSystem _system;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Timer? _heartbeat;
    private volatile bool _held;
    private DateTime _acquiredAt;
    private Action<Exception>? _lost;

    /// <summary>The longest a lease is held: the resolver normally releases it once the downed nodes are removed.</summary>
    private static readonly TimeSpan MaxHold = TimeSpan.FromSeconds(30);

    /// <summary>Created by Akka's <see cref="LeaseProvider"/>.</summary>
    public PostgresLease(LeaseSettings settings, ExtendedActorSystem system)
        : base(settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(system);
        var connectionString = settings.LeaseConfig.GetString("connection-string")
            ?? throw new ArgumentException("hotreload.sbr-lease.connection-string is missing", nameof(settings));
        _store = new LeaseStore(connectionString, settings.TimeoutSettings.OperationTimeout);
        _log = Logging.GetLogger(system, typeof(PostgresLease));
        _system = system;
        _ = Task.Run(WarmUpAsync);
    }

    /// <summary>The resolver creates its lease when the node starts: pay the first database call then, not while deciding.</summary>
    private async Task WarmUpAsync()
    {
        try
        {
            await _store.WarmUpAsync(Settings.LeaseName).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Best effort: a database that cannot be reached now is reported by the acquire that needs it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _log.Warning("Lease {0}: its database cannot be used now ({1}); the split brain resolver needs it to decide after a failure", Settings.LeaseName, ex.GetBaseException().Message);
        }
    }

    private TimeSpan Timeout => Settings.TimeoutSettings.HeartbeatTimeout;

    /// <inheritdoc />
    public override Task<bool> Acquire() => Acquire(_ => { });

    /// <inheritdoc />
    /// <remarks>
    /// A lease still held by a node that crashed while deciding is free once its heartbeat timeout has passed: the
    /// acquire tries again every half second until then (plus a margin), instead of failing at once — which would make
    /// the surviving side down itself after the crash it is deciding about. A lease its holder keeps renewing (a live
    /// node on the other side of a partition) fails the acquire at once.
    /// </remarks>
    public override async Task<bool> Acquire(Action<Exception> leaseLostCallback)
    {
        // Subscribers never outvote config nodes: a side that reaches no config node does not take the lease (and so
        // downs itself), even when the config nodes cannot take it right now (a long pause).
        if (!SideHasConfigNode())
        {
            _log.Warning("Lease {0}: no reachable config node on this side; {1} does not take it", Settings.LeaseName, Settings.OwnerName);
            return false;
        }

        var deadline = DateTime.UtcNow + Timeout + TimeSpan.FromSeconds(2);
        while (true)
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (await _store.TryAcquireAsync(Settings.LeaseName, Settings.OwnerName, Timeout).ConfigureAwait(false))
                {
                    _held = true;
                    _acquiredAt = DateTime.UtcNow;
                    _lost = leaseLostCallback;
                    var interval = Settings.TimeoutSettings.HeartbeatInterval;
                    _heartbeat ??= new Timer(_ => _ = RenewAsync(), null, interval, interval);
                    _log.Info("Lease {0} acquired by {1}", Settings.LeaseName, Settings.OwnerName);
                    return true;
                }
            }
            finally
            {
                _gate.Release();
            }

            // A holder that renewed within the last few heartbeats is alive (the other side of a partition): give up at
            // once, so this side downs itself without delay. Only a lease left to expire is waited for.
            var remaining = await _store.RemainingAsync(Settings.LeaseName).ConfigureAwait(false);
            var alive = remaining is { } left && left > Timeout - (3 * Settings.TimeoutSettings.HeartbeatInterval);
            if (alive || DateTime.UtcNow > deadline)
            {
                _log.Warning("Lease {0} is held by another owner{1}; {2} did not get it", Settings.LeaseName, alive ? " that renews it" : string.Empty, Settings.OwnerName);
                return false;
            }

            await Task.Delay(500).ConfigureAwait(false);
        }
    }

    /// <summary>Whether this node's side of the cluster (the members it reaches) has a config node.</summary>
    private bool SideHasConfigNode()
    {
        var state = Akka.Cluster.Cluster.Get(_system).State;
        return state.Members.Any(m =>
            m.HasRole(HotReloadRoles.ConfigNode)
            && m.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Leaving
            && !state.Unreachable.Contains(m));
    }

    /// <inheritdoc />
    public override async Task<bool> Release()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            StopHeartbeat();
            _held = false;
            await _store.ReleaseAsync(Settings.LeaseName, Settings.OwnerName).ConfigureAwait(false);
            _log.Info("Lease {0} released by {1}", Settings.LeaseName, Settings.OwnerName);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// The resolver skips <see cref="Acquire()"/> when this says the lease is held (say, from a decision a minute ago), so
    /// the config-node rule is checked here too.
    /// </remarks>
    public override bool CheckLease() => _held && SideHasConfigNode();

    /// <inheritdoc />
    public void Dispose()
    {
        StopHeartbeat();
        _gate.Dispose();
    }

    private async Task RenewAsync()
    {
        if (!await _gate.WaitAsync(0).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            if (_held && DateTime.UtcNow - _acquiredAt > MaxHold)
            {
                // A decision takes seconds; a lease kept longer would only decide the next, unrelated failure.
                _held = false;
                StopHeartbeat();
                await _store.ReleaseAsync(Settings.LeaseName, Settings.OwnerName).ConfigureAwait(false);
                _log.Info("Lease {0} given up by {1} after {2} s", Settings.LeaseName, Settings.OwnerName, MaxHold.TotalSeconds);
            }
            else if (_held && !await _store.RenewAsync(Settings.LeaseName, Settings.OwnerName, Timeout).ConfigureAwait(false))
            {
                Lost(new LeaseException($"Lease {Settings.LeaseName} was taken by another owner"));
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            Lost(ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Lost(Exception cause)
    {
        _held = false;
        StopHeartbeat();
        _log.Warning("Lease {0} lost by {1}: {2}", Settings.LeaseName, Settings.OwnerName, cause.Message);
        _lost?.Invoke(cause);
    }

    private void StopHeartbeat()
    {
        _heartbeat?.Dispose();
        _heartbeat = null;
    }
}
