using Akka.Configuration;
using Akka.Persistence.Sql.Hosting;

namespace HotReloadCluster.Hosting;

/// <summary>The Akka.Persistence configuration for a <see cref="HotReloadPersistence"/>, usable with or without Akka.Hosting.</summary>
public static class PersistenceHocon
{
    /// <summary>The journal and snapshot-store configuration (SQL tables are created on first use).</summary>
    public static Config For(HotReloadPersistence persistence)
    {
        ArgumentNullException.ThrowIfNull(persistence);
        if (persistence.Kind == PersistenceKind.InMemory)
        {
            return ConfigurationFactory.ParseString("""
                akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
                akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
                """);
        }

        if (persistence.SqlitePath is { } file)
        {
            PrepareSqlite(file);
        }

        var provider = persistence.Kind == PersistenceKind.Sqlite ? LinqToDB.ProviderName.SQLiteMS : LinqToDB.ProviderName.PostgreSQL15;
        var journal = new SqlJournalOptions(true)
        {
            ConnectionString = persistence.ConnectionString!,
            ProviderName = provider,
            AutoInitialize = true,
        };
        var snapshots = new SqlSnapshotOptions(true)
        {
            ConnectionString = persistence.ConnectionString!,
            ProviderName = provider,
            AutoInitialize = true,
        };
        // SQLite takes one writer at a time; concurrent write transactions only meet SQLITE_BUSY, which
        // Microsoft.Data.Sqlite answers by sleeping. One writer batching everything is faster (see docs/performance.md).
        // Reads run in deferred transactions (Microsoft.Data.Sqlite starts one for ReadUncommitted; the default is
        // BEGIN IMMEDIATE, a write lock): in write-ahead-log mode a reader sees a consistent snapshot and never waits for
        // the writer, so recoveries no longer queue behind writes.
        // One writer also means a burst (2,000 new files) queues writes behind each other on a loaded disk: the circuit
        // breaker's 10 s default then fails writes that would have succeeded (and opens for 30 s after ten of them), so
        // an embedded SQLite journal gets 30 s per call.
        var tuning = persistence.Kind == PersistenceKind.Sqlite
            ? ConfigurationFactory.ParseString("""
                akka.persistence.journal.sql.parallelism = 1
                akka.persistence.max-concurrent-recoveries = 8
                akka.persistence.journal.sql.read-isolation-level = read-uncommitted
                akka.persistence.snapshot-store.sql.read-isolation-level = read-uncommitted
                akka.persistence.query.journal.sql.read-isolation-level = read-uncommitted
                akka.persistence.journal.sql.circuit-breaker.call-timeout = 30s
                akka.persistence.snapshot-store.sql.circuit-breaker.call-timeout = 30s
                """)
            : Config.Empty;
        return tuning
            .WithFallback(journal.ToConfig())
            .WithFallback(snapshots.ToConfig())
            .WithFallback(journal.DefaultConfig)
            .WithFallback(snapshots.DefaultConfig);
    }

    /// <summary>
    /// Creates the SQLite file's folder and puts the database in write-ahead-log mode (a setting stored in the file):
    /// a commit is then one append and one fsync of the log instead of the rollback journal's create, write, fsync,
    /// fsync and delete, which made every persisted version cost ~4 ms on this project's CI machine. Durability is
    /// unchanged (synchronous stays FULL); readers no longer block the writer.
    /// </summary>
    private static void PrepareSqlite(string file)
    {
        if (Path.GetDirectoryName(file) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        var mode = command.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            // A file system without shared memory (some network mounts) refuses WAL; the journal still works.
            System.Diagnostics.Trace.TraceWarning($"SQLite journal {file} stays in {mode} mode (write-ahead log refused)");
        }
    }
}
