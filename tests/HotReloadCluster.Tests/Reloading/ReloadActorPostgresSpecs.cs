using HotReloadCluster.Tests.Support;
using Xunit.Abstractions;

namespace HotReloadCluster.Tests.Reloading;

/// <summary>The ReloadActor spec on PostgreSQL (a database per test).</summary>
public sealed class ReloadActorPostgresSpecs(ITestOutputHelper output) : ReloadActorSpecs(output, PostgresDatabase.Create())
{
    protected override void AssertNotStored(string secret)
    {
        var journal = Postgres!.Scalar<long>($"SELECT count(*) FROM journal WHERE position(convert_to('{secret}', 'UTF8') in message) > 0");
        var snapshots = Postgres.Scalar<long>($"SELECT count(*) FROM snapshot WHERE position(convert_to('{secret}', 'UTF8') in snapshot) > 0");
        var stored = Postgres.Scalar<long>("SELECT count(*) FROM journal");
        Assert.True(stored > 0, "the journal is empty: the check would prove nothing");
        Assert.Equal(0, journal + snapshots);
    }
}
