using Npgsql;

namespace HotReloadCluster.Cluster;

/// <summary>
/// Named leases in a PostgreSQL table (<c>hotreload_lease</c>, created when missing): take, renew, release, and see who
/// holds one. Expiry uses the database server's clock (<c>now()</c>), so node clocks do not matter.
/// </summary>
internal sealed class LeaseStore(string connectionString, TimeSpan operationTimeout)
{
    private bool _tableReady;

    /// <summary>Takes <paramref name="name"/> for <paramref name="owner"/> if free, expired or already its own; true when held.</summary>
    public async Task<bool> TryAcquireAsync(string name, string owner, TimeSpan ttl) =>
        await ExecuteAsync(
            """
            INSERT INTO hotreload_lease (name, owner, expires_at) VALUES (@name, @owner, now() + @ttl)
            ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
            WHERE hotreload_lease.owner = EXCLUDED.owner OR hotreload_lease.expires_at < now()
            """,
            name,
            owner,
            ttl).ConfigureAwait(false) == 1;

    /// <summary>Extends the lease; false when <paramref name="owner"/> no longer holds it.</summary>
    public async Task<bool> RenewAsync(string name, string owner, TimeSpan ttl) =>
        await ExecuteAsync("UPDATE hotreload_lease SET expires_at = now() + @ttl WHERE name = @name AND owner = @owner", name, owner, ttl).ConfigureAwait(false) == 1;

    /// <summary>How long the current holder's lease still runs (null: nobody holds it).</summary>
    public async Task<TimeSpan?> RemainingAsync(string name)
    {
        using var cts = new CancellationTokenSource(operationTimeout);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cts.Token).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT expires_at - now() FROM hotreload_lease WHERE name = @name", connection);
        command.Parameters.AddWithValue("name", name);
        var value = await command.ExecuteScalarAsync(cts.Token).ConfigureAwait(false);
        return value is TimeSpan remaining ? remaining : null;
    }

    /// <summary>
    /// Opens a first connection, makes sure the table exists and reads it, changing nothing: the first database call in a
    /// process (driver start-up, JIT, a new pool) took over a second on a loaded 2-core machine, and the first call that
    /// matters is the resolver's acquire in the middle of a failover.
    /// </summary>
    public async Task WarmUpAsync(string name)
    {
        await ExecuteAsync("SELECT 1 WHERE @name = @owner AND @ttl IS NOT NULL", name, string.Empty, TimeSpan.Zero).ConfigureAwait(false);
        await RemainingAsync(name).ConfigureAwait(false);
    }

    /// <summary>Gives the lease up if <paramref name="owner"/> holds it.</summary>
    public Task ReleaseAsync(string name, string owner) =>
        ExecuteAsync("DELETE FROM hotreload_lease WHERE name = @name AND owner = @owner", name, owner, TimeSpan.Zero);

    /// <summary>
    /// Creates the table when it is missing. Only then: a role that may use the table but not create anything in the
    /// schema (what docs/operations.md advises for subscriber nodes) fails a CREATE even with IF NOT EXISTS; and several
    /// nodes starting on a fresh database can race on it (duplicate key in pg_type), which means the table is there.
    /// </summary>
    private static async Task EnsureTableAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('hotreload_lease') IS NOT NULL", connection))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
            {
                return;
            }
        }

        try
        {
            await using var create = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS hotreload_lease (name text PRIMARY KEY, owner text NOT NULL, expires_at timestamptz NOT NULL)", connection);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
        {
            // Another node created it at the same moment.
        }
    }

    private async Task<int> ExecuteAsync(string sql, string name, string owner, TimeSpan ttl)
    {
        using var cts = new CancellationTokenSource(operationTimeout);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cts.Token).ConfigureAwait(false);
        if (!_tableReady)
        {
            await EnsureTableAsync(connection, cts.Token).ConfigureAwait(false);
            _tableReady = true;
        }

        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("owner", owner);
        command.Parameters.AddWithValue("ttl", ttl);
        return await command.ExecuteNonQueryAsync(cts.Token).ConfigureAwait(false);
    }
}
