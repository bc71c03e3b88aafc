namespace HotReloadCluster.Hosting;

/// <summary>Where journals and snapshots are kept.</summary>
public enum PersistenceKind
{
    /// <summary>In memory: nothing survives the process (tests, throw-away runs).</summary>
    InMemory,

    /// <summary>An embedded SQLite file: the one-node default.</summary>
    Sqlite,

    /// <summary>PostgreSQL: several nodes share one journal.</summary>
    PostgreSql,
}
