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

        if (persistence.SqlitePath is { } file && Path.GetDirectoryName(file) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
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
        return journal.ToConfig()
            .WithFallback(snapshots.ToConfig())
            .WithFallback(journal.DefaultConfig)
            .WithFallback(snapshots.DefaultConfig);
    }
}
