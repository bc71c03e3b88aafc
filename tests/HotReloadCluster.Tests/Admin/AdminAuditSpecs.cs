using Akka.Actor;
using HotReloadCluster.Admin;
using HotReloadCluster.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace HotReloadCluster.Tests.Admin;

/// <summary>The audit trail stays bounded: retention, snapshots that delete old events, rate-limited refusals.</summary>
public sealed class AdminAuditSpecs(ITestOutputHelper output) : HotReloadTestKit(output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Entries_BeyondTheRetention_AreForgotten_AndTheJournalIsCutAtEachSnapshot()
    {
        var audit = Sys.ActorOf(AdminAuditActor.Props(new AuditRetention { KeepEntries = 50, RefusalsPerMinute = 10_000 }));
        for (var i = 0; i < AdminAuditActor.SnapshotEvery + 20; i++)
        {
            audit.Tell(new RecordAudit(new AuditEntry(DateTimeOffset.UtcNow, "alice", "status", null, "ok", i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        var page = await audit.Ask<AuditPayload>(new GetAudit(AdminAuditActor.MaxPage), Timeout);
        Assert.Equal(50, page.Entries.Length);
        Assert.Equal((AdminAuditActor.SnapshotEvery + 19).ToString(System.Globalization.CultureInfo.InvariantCulture), page.Entries[^1].Detail);
        await AwaitAssertAsync(() => Assert.InRange(Sqlite.Count(DatabasePath, "journal", "admin-audit"), 1, 21), Timeout);

        // A restart recovers the kept entries from the snapshot and the events after it.
        await audit.GracefulStop(Timeout);
        var recovered = Sys.ActorOf(AdminAuditActor.Props(new AuditRetention { KeepEntries = 50 }));
        var again = (await recovered.Ask<AuditPayload>(new GetAudit(AdminAuditActor.MaxPage), Timeout)).Entries;
        Assert.Equal(page.Entries.Select(e => e.Detail), again.Select(e => e.Detail));
    }

    [Fact]
    public async Task RefusedRequests_BeyondTheRate_AreCountedInOneSummaryEntry()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var audit = Sys.ActorOf(AdminAuditActor.Props(new AuditRetention { RefusalsPerMinute = 5 }, clock));
        for (var i = 0; i < 1000; i++)
        {
            audit.Tell(new RecordAudit(new AuditEntry(clock.GetUtcNow(), "unknown", "status", null, "unauthorized", null)));
        }

        audit.Tell(new RecordAudit(new AuditEntry(clock.GetUtcNow(), "alice", "rollback", "settings", "ok", "settings applied v2")));
        var during = await audit.Ask<AuditPayload>(new GetAudit(AdminAuditActor.MaxPage), Timeout);
        Assert.Equal(5, during.Entries.Count(e => e.Outcome == "unauthorized"));
        Assert.Single(during.Entries, e => e.Who == "alice"); // allowed commands are never dropped

        clock.Advance(TimeSpan.FromMinutes(1));
        audit.Tell(new RecordAudit(new AuditEntry(clock.GetUtcNow(), "unknown", "status", null, "unauthorized", null)));

        var after = await audit.Ask<AuditPayload>(new GetAudit(AdminAuditActor.MaxPage), Timeout);
        var summary = Assert.Single(after.Entries, e => e.Command == "refused-requests");
        Assert.Contains("995 more refused requests", summary.Detail, StringComparison.Ordinal);
        Assert.Equal(7, after.Entries.Count(e => e.Outcome == "unauthorized")); // 5 + the summary + the one of the new minute
        Assert.InRange(Sqlite.Count(DatabasePath, "journal", "admin-audit"), 1, 10);
    }
}
