using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using HotReloadCluster.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace HotReloadCluster.Diagnostics;

/// <summary>
/// Healthy when the journal's database answers a query within the timeout, on a new connection each time (a pooled
/// one could hide a server that went away): SQLite reads its schema from the file (opened read-write, never created),
/// PostgreSQL looks up the journal table. Unhealthy when it cannot connect, the query fails, or the answer is late.
/// An in-memory journal is always healthy.
/// </summary>
public sealed class JournalHealthCheck : IHealthCheck
{
    private readonly HotReloadPersistence _journal;
    private readonly TimeSpan _timeout;

    /// <summary>Creates the check.</summary>
    /// <param name="journal">The journal, as given to the node (<see cref="HotReloadOptions.Persistence"/>).</param>
    /// <param name="timeout">How long the connection and the query may take together; default 5 s.</param>
    public JournalHealthCheck(HotReloadPersistence journal, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(journal);
        _journal = journal;
        _timeout = timeout ?? HotReloadHealthCheckOptions.DefaultTimeout;
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_journal.Kind == PersistenceKind.InMemory)
        {
            return HealthCheckResult.Healthy("in-memory journal");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        var watch = Stopwatch.StartNew();
        try
        {
            var tables = _journal.Kind == PersistenceKind.Sqlite
                ? await QuerySqliteAsync(timeout.Token)
                : await QueryPostgresAsync(timeout.Token);
            var data = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["journal"] = _journal.ToString(),
                ["elapsedMs"] = Math.Round(watch.Elapsed.TotalMilliseconds, 1),
                ["journalTable"] = tables > 0,
            };
            return HealthCheckResult.Healthy(
                string.Create(CultureInfo.InvariantCulture, $"{_journal} answered in {watch.Elapsed.TotalMilliseconds:0.#} ms{(tables > 0 ? string.Empty : " (journal table not created yet)")}"),
                data);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy(string.Create(CultureInfo.InvariantCulture, $"{_journal} did not answer within {_timeout.TotalSeconds:0.#} s"));
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"{_journal} is unreachable: {ex.GetBaseException().Message}", exception: ex);
        }
    }

    private async Task<long> QuerySqliteAsync(CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder(_journal.ConnectionString)
        {
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = Seconds,
        };
        await using var connection = new SqliteConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'journal'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private async Task<long> QueryPostgresAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(_journal.ConnectionString)
        {
            Pooling = false,
            Timeout = Seconds,
            CommandTimeout = Seconds,
        };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'journal'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private int Seconds => Math.Max(1, (int)Math.Ceiling(_timeout.TotalSeconds));
}
