using HotReloadCluster.Hosting;
using Npgsql;

namespace HotReloadCluster.Tests.Support;

/// <summary>
/// A fresh PostgreSQL database per test, dropped on dispose. The server comes from HOTRELOAD_TEST_POSTGRES
/// (an Npgsql connection string to a database the role may CREATE DATABASE from), by default the local server
/// that <c>.ci/postgres.sh</c> starts.
/// </summary>
public sealed class PostgresDatabase : IDisposable
{
    private const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=hotreload;Password=hotreload;Database=hotreload;Timeout=5";

    private PostgresDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public HotReloadPersistence Persistence => HotReloadPersistence.PostgreSql(ConnectionString);

    private static string Server => Environment.GetEnvironmentVariable("HOTRELOAD_TEST_POSTGRES") ?? DefaultServer;

    public static PostgresDatabase Create()
    {
        var name = "hrc_test_" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            using var connection = new NpgsqlConnection(Server);
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }
        catch (NpgsqlException ex)
        {
            throw new InvalidOperationException(
                "PostgreSQL is not reachable for the tests. Run `bash .ci/postgres.sh` (as root) or set HOTRELOAD_TEST_POSTGRES. " + ex.Message, ex);
        }

        var builder = new NpgsqlConnectionStringBuilder(Server) { Database = name, Pooling = true, MaxPoolSize = 20 };
        return new PostgresDatabase(name, builder.ConnectionString);
    }

    /// <summary>Runs a scalar query in this database.</summary>
    /// <summary>The first column of every row of <paramref name="sql"/>.</summary>
    public List<T> Column<T>(string sql)
    {
        using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var values = new List<T>();
        while (reader.Read())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    public T? Scalar<T>(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default : (T)value;
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            using var connection = new NpgsqlConnection(Server);
            connection.Open();
            using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
            command.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // Best effort: a leftover test database does not affect other tests (each has its own name).
        }
    }
}
