using Akka.Actor;
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
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Timer? _heartbeat;
    private volatile bool _held;
    private Action<Exception>? _lost;

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
    }

    private TimeSpan Timeout => Settings.TimeoutSettings.HeartbeatTimeout;

    /// <inheritdoc />
    public override Task<bool> Acquire() => Acquire(_ => { });

    /// <inheritdoc />
    /// <remarks>
    /// A lease still held by a node that crashed while deciding is free once its heartbeat timeout has passed: the
    /// acquire tries again every half second until then (plus a margin), instead of failing at once — which would make
    /// the surviving side down itself after the crash it is deciding about.
    /// </remarks>
    public override async Task<bool> Acquire(Action<Exception> leaseLostCallback)
    {
        var deadline = DateTime.UtcNow + Timeout + TimeSpan.FromSeconds(2);
        while (true)
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (await _store.TryAcquireAsync(Settings.LeaseName, Settings.OwnerName, Timeout).ConfigureAwait(false))
                {
                    _held = true;
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

            if (DateTime.UtcNow > deadline)
            {
                _log.Warning("Lease {0} is held by another owner; {1} did not get it", Settings.LeaseName, Settings.OwnerName);
                return false;
            }

            await Task.Delay(500).ConfigureAwait(false);
        }
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
    public override bool CheckLease() => _held;

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
            if (_held && !await _store.RenewAsync(Settings.LeaseName, Settings.OwnerName, Timeout).ConfigureAwait(false))
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
