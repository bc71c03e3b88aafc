namespace HotReloadCluster.Hosting;

/// <summary>The journal and snapshot store of the ReloadActors.</summary>
public sealed record HotReloadPersistence
{
    private HotReloadPersistence(PersistenceKind kind, string? connectionString)
    {
        Kind = kind;
        ConnectionString = connectionString;
    }

    /// <summary>The kind of store.</summary>
    public PersistenceKind Kind { get; }

    /// <summary>The connection string (SQLite: <c>Data Source=…</c>; PostgreSQL: Npgsql form). Never logged.</summary>
    public string? ConnectionString { get; }

    /// <summary>In-memory store.</summary>
    public static HotReloadPersistence InMemory { get; } = new(PersistenceKind.InMemory, null);

    /// <summary>An SQLite file; its folder is created when missing.</summary>
    public static HotReloadPersistence Sqlite(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        return new(PersistenceKind.Sqlite, $"Data Source={Path.GetFullPath(databasePath)};Pooling=True");
    }

    /// <summary>A PostgreSQL database.</summary>
    public static HotReloadPersistence PostgreSql(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new(PersistenceKind.PostgreSql, connectionString);
    }

    /// <summary>The SQLite file, for <see cref="PersistenceKind.Sqlite"/>.</summary>
    public string? SqlitePath => Kind == PersistenceKind.Sqlite
        ? ConnectionString!["Data Source=".Length..ConnectionString!.IndexOf(';', StringComparison.Ordinal)]
        : null;

    /// <summary>A description without secrets.</summary>
    public override string ToString() => Kind switch
    {
        PersistenceKind.Sqlite => $"sqlite:{SqlitePath}",
        PersistenceKind.PostgreSql => "postgres",
        _ => "in-memory",
    };
}
