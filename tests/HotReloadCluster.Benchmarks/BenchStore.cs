using Akka.Actor;
using Akka.Configuration;
using HotReloadCluster.Hosting;
using HotReloadCluster.Serialization;
using Npgsql;

namespace HotReloadCluster.Benchmarks;

/// <summary>A throw-away journal for one measurement: an SQLite file or a fresh PostgreSQL database.</summary>
public sealed class BenchStore : IDisposable
{
    private const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=hotreload;Password=hotreload;Database=hotreload;Timeout=5";
    private readonly string? _database;

    private BenchStore(string name, HotReloadPersistence persistence, string folder, string? database)
    {
        Name = name;
        Persistence = persistence;
        Folder = folder;
        _database = database;
    }

    public string Name { get; }

    public HotReloadPersistence Persistence { get; }

    /// <summary>A temp folder for the measurement's files.</summary>
    public string Folder { get; }

    private static string Server => Environment.GetEnvironmentVariable("HOTRELOAD_BENCH_POSTGRES") ?? DefaultServer;

    public static BenchStore Sqlite()
    {
        var folder = NewFolder();
        return new BenchStore("SQLite", HotReloadPersistence.Sqlite(Path.Combine(folder, ".data", "bench.db")), folder, null);
    }

    /// <summary>A fresh database on the local PostgreSQL (HOTRELOAD_BENCH_POSTGRES overrides the server).</summary>
    public static BenchStore PostgreSql()
    {
        var name = "hrc_bench_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new NpgsqlConnection(Server))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }

        var cs = new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString;
        return new BenchStore("PostgreSQL", HotReloadPersistence.PostgreSql(cs), NewFolder(), name);
    }

    public ActorSystem CreateSystem() =>
        ActorSystem.Create("bench", ConfigurationFactory.ParseString("akka.loglevel = ERROR\n" + SerializationHocon.Config + "\n" + RuntimeHocon.Config)
            .WithFallback(PersistenceHocon.For(Persistence)));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }

        if (_database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            try
            {
                using var connection = new NpgsqlConnection(Server);
                connection.Open();
                using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
                command.ExecuteNonQuery();
            }
            catch (NpgsqlException ex)
            {
                // Best effort: a leftover benchmark database (e.g. a killed node's connection not yet gone) harms nothing.
                Console.Error.WriteLine($"note: could not drop {_database}: {ex.Message}");
            }
        }
    }

    private static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "hrc-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
