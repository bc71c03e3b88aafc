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
    private readonly string _connectionString;
    private readonly ILoggingAdapter _log;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Timer? _heartbeat;
    private volatile bool _held;
    private Action<Exception>? _lost;
    private bool _tableReady;

    /// <summary>Created by Akka's <see cref="LeaseProvider"/>.</summary>
    public PostgresLease(LeaseSettings settings, ExtendedActorSystem system)
        : base(settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(system);
        _connectionString = settings.LeaseConfig.GetString("connection-string")
            ?? throw new ArgumentException("hotreload.sbr-lease.connection-string is missing", nameof(settings));
        _log = Logging.GetLogger(system, typeof(PostgresLease));
    }

    private TimeSpan Timeout => Settings.TimeoutSettings.HeartbeatTimeout;

    /// <inheritdoc />
    public override Task<bool> Acquire() => Acquire(_ => { });

    /// <inheritdoc />
    public override async Task<bool> Acquire(Action<Exception> leaseLostCallback)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var acquired = await ExecuteAsync(
                """
                INSERT INTO hotreload_lease (name, owner, expires_at) VALUES (@name, @owner, now() + @timeout)
                ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
                WHERE hotreload_lease.owner = EXCLUDED.owner OR hotreload_lease.expires_at < now()
                """).ConfigureAwait(false) == 1;
            if (acquired)
            {
                _held = true;
                _lost = leaseLostCallback;
                var interval = Settings.TimeoutSettings.HeartbeatInterval;
                _heartbeat ??= new Timer(_ => _ = RenewAsync(), null, interval, interval);
                _log.Info("Lease {0} acquired by {1}", Settings.LeaseName, Settings.OwnerName);
            }

            return acquired;
        }
        finally
        {
            _gate.Release();
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
            await ExecuteAsync("DELETE FROM hotreload_lease WHERE name = @name AND owner = @owner").ConfigureAwait(false);
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
            if (!_held)
            {
                return;
            }

            if (await ExecuteAsync("UPDATE hotreload_lease SET expires_at = now() + @timeout WHERE name = @name AND owner = @owner").ConfigureAwait(false) == 0)
            {
                Lost(new LeaseException($"Lease {Settings.LeaseName} was taken by another owner"));
            }
        }
        catch (NpgsqlException ex)
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

    private async Task<int> ExecuteAsync(string sql)
    {
        using var cts = new CancellationTokenSource(Settings.TimeoutSettings.OperationTimeout);
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cts.Token).ConfigureAwait(false);
        if (!_tableReady)
        {
            await using var create = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS hotreload_lease (name text PRIMARY KEY, owner text NOT NULL, expires_at timestamptz NOT NULL)", connection);
            await create.ExecuteNonQueryAsync(cts.Token).ConfigureAwait(false);
            _tableReady = true;
        }

        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("name", Settings.LeaseName);
        command.Parameters.AddWithValue("owner", Settings.OwnerName);
        command.Parameters.AddWithValue("timeout", Timeout);
        return await command.ExecuteNonQueryAsync(cts.Token).ConfigureAwait(false);
    }
}
