using HotReloadCluster.Diagnostics;
using HotReloadCluster.Hosting;
using HotReloadCluster.Tests.Support;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace HotReloadCluster.Tests.Diagnostics;

/// <summary>The journal check runs a real query against SQLite or PostgreSQL, on a new connection each time.</summary>
public sealed class JournalHealthCheckSpecs : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static Task<HealthCheckResult> CheckAsync(HotReloadPersistence journal) =>
        new JournalHealthCheck(journal, TimeSpan.FromSeconds(2)).CheckHealthAsync(new HealthCheckContext());

    [Fact]
    public async Task Sqlite_FilePrepared_Healthy()
    {
        var journal = HotReloadPersistence.Sqlite(_temp.File("data/hotreload.db"));
        _ = PersistenceHocon.For(journal); // creates the file, as a node's start does

        var result = await CheckAsync(journal);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Contains("journal table not created yet", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sqlite_FileGone_Unhealthy()
    {
        var result = await CheckAsync(HotReloadPersistence.Sqlite(_temp.File("nowhere/hotreload.db")));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("is unreachable", result.Description, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.File("nowhere/hotreload.db")));
    }

    [Fact]
    public async Task Postgres_ServerThenProxyCut_HealthyThenUnhealthy()
    {
        using var database = PostgresDatabase.Create();
        var server = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        using var proxy = new TcpProxy(server.Host!, server.Port);
        var journal = HotReloadPersistence.PostgreSql(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = proxy.Port }.ConnectionString);

        var reachable = await CheckAsync(journal);
        Assert.Equal(HealthStatus.Healthy, reachable.Status);

        proxy.Cut();

        var cut = await CheckAsync(journal);
        Assert.Equal(HealthStatus.Unhealthy, cut.Status);
        Assert.StartsWith("postgres is unreachable", cut.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InMemory_AlwaysHealthy()
    {
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(HotReloadPersistence.InMemory)).Status);
    }
}
