using Microsoft.Data.Sqlite;

namespace HotReloadCluster.Tests.Support;

/// <summary>Reads an SQLite journal file directly, to prove what is (not) stored.</summary>
internal static class Sqlite
{
    /// <summary>How many rows of <paramref name="table"/> belong to <paramref name="persistenceId"/>.</summary>
    public static long Count(string databasePath, string table, string persistenceId)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table} WHERE persistence_id = $id";
        command.Parameters.AddWithValue("$id", persistenceId);
        return (long)command.ExecuteScalar()!;
    }
}
