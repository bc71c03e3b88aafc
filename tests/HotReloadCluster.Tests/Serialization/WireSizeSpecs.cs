using System.Collections.Immutable;
using HotReloadCluster.Admin;
using HotReloadCluster.Content;
using HotReloadCluster.Core.Diffing;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Validation;
using HotReloadCluster.Registry;
using HotReloadCluster.Reloading;
using HotReloadCluster.Tests.Support;
using Xunit.Abstractions;

namespace HotReloadCluster.Tests.Serialization;

/// <summary>
/// Every message that crosses the wire stays under Akka.Remote's default maximum frame size (128,000 bytes) at its
/// worst: whatever the config's size, the number of changes, or the length of errors, nothing depends on raising it.
/// </summary>
public sealed class WireSizeSpecs(ITestOutputHelper output) : HotReloadTestKit(output, sqlite: false)
{
    private const int Frame = 128_000;
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;
    private static readonly string Long = new('é', 20_000);

    private static readonly Lazy<Dictionary<string, object>> Worst = new(WorstCases);

    public static TheoryData<string> Cases() => [.. Worst.Value.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void WorstCase_FitsOneRemotingFrame(string name)
    {
        var message = Worst.Value[name];
        var bytes = Sys.Serialization.FindSerializerFor(message).ToBinary(message);

        Assert.InRange(bytes.Length, 1, Frame - 4_000); // room for Akka's envelope (paths, manifest)
    }

    private static Dictionary<string, object> WorstCases()
    {
        var errors = ReloadPipeline.BoundErrors([.. Enumerable.Range(0, 200).Select(i => new ValidationError(Long, Long + i, "schema"))]);
        var path = "/" + string.Join('/', Enumerable.Repeat(new string('d', 250), 16)) + "/settings.yaml";
        var rejection = new RejectionInfo(9, "sha256:" + new string('0', 64), RejectionKind.Validation, errors, ConfigOrigin.File(path), At);
        var version = new VersionInfo(7, "sha256:" + new string('1', 64), ConfigFormat.Yaml, ConfigOrigin.Rollback(3, "automatic", Long), At, 11, 10_000_000);
        var hugeDiff = new ConfigDiff(Enumerable.Range(0, 5_000).Select(i => new DiffEntry(DiffKind.Changed, ConfigPath.From([PathSegment.ForKey("a"), PathSegment.ForKey(new string('k', 500) + i)]), ConfigScalar.FromString(Long), ConfigScalar.FromString(Long + "x"))));
        var changed = new ConfigChanged("settings", 7, version.Hash, ConfigFormat.Yaml, version.Origin, At, version.Size, DiffLines.From(hugeDiff), 6);
        var address = "akka.tcp://hotreload@" + new string('h', 253) + ":65535";
        var nodes = new NodeVersionTable();
        foreach (var i in Enumerable.Range(0, NodeVersionTable.PageSize + 10))
        {
            nodes.Record(new VersionReport("settings", address + i, long.MaxValue, At, Long[..HotReloadCluster.Subscriptions.TopicSubscriptionActor.MaxErrorLength]), Akka.Actor.ActorRefs.Nobody);
        }

        var (page, more) = nodes.Page(0);
        return new Dictionary<string, object>
        {
            ["version-report"] = new VersionReport("settings", address, long.MaxValue, At, Long[..HotReloadCluster.Subscriptions.TopicSubscriptionActor.MaxErrorLength] + "..."),
            ["registry-state-page"] = new RegistryState("settings", long.MaxValue, version.Hash, int.MaxValue, page, more),
            ["config-changed"] = changed,
            ["version-published"] = new VersionPublished("settings", changed),
            ["content-chunk"] = new ContentChunk("settings", version.Hash, 0, 10_000_000, new byte[ContentChunk.MaxBytes]),
            ["admin-response-part"] = new AdminResponsePart(new string('f', 32), 0, 160, new byte[AdminResponsePart.MaxBytes]),
            ["reload-outcome"] = new ReloadOutcome("settings", OutcomeKind.Rejected, 7, errors),
            ["current-config"] = new CurrentConfig("settings", version, true, path, version.Hash, true, false, [path, path], 1, rejection),
            ["version-lookup"] = new VersionLookup("settings", version, Long[..1000]),
            ["apply-failed"] = new ApplyFailed("settings", 7, "akka.tcp://hotreload@127.0.0.1:4053", new string('x', HotReloadCluster.Subscriptions.TopicSubscriptionActor.MaxErrorLength + 3)),
            ["admin-tail-event"] = new AdminTailEvent("ValidationFailed", "settings", 7, version.Hash, string.Join("; ", errors), At, "akka.tcp://hotreload@127.0.0.1:4053"),
            ["history-page"] = TopicHistoryPages.Page("settings", [.. Enumerable.Range(0, 300).Select(i => i % 2 == 0
                ? HistoryEntry.From(version with { Origin = ConfigOrigin.File(path) })
                : HistoryEntry.From(rejection with { Origin = ConfigOrigin.Admin(path, new string('w', 200)) }))], 0, GetHistory.MaxPage),
            ["audit-page"] = new AuditPayload([.. Enumerable.Repeat(new AuditEntry(At, new string('w', 100), "rollback", new string('t', 303), "forbidden", new string('d', 303)), AdminAuditActor.MaxPage)]),
        };
    }
}
