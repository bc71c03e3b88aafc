using System.Collections.Immutable;
using System.Runtime.Serialization;
using Akka.Serialization;
using HotReloadCluster.Content;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Events;
using HotReloadCluster.Core.Validation;
using HotReloadCluster.Reloading;
using HotReloadCluster.Serialization;
using HotReloadCluster.Tests.Support;
using Xunit.Abstractions;

namespace HotReloadCluster.Tests.Serialization;

public sealed class HotReloadSerializerSpecs(ITestOutputHelper output) : HotReloadTestKit(output, sqlite: false)
{
    private const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-11-27T01:02:03.456+00:00", System.Globalization.CultureInfo.InvariantCulture);

    public static TheoryData<object> Messages()
    {
        var applied = new ConfigApplied("a/b", 3, "x: ${SECRET}\n", ConfigFormat.Yaml, "sha256:00", ConfigOrigin.Rollback(2, "alice", "hook"), At, Pinned: true, PinnedFileHash: "sha256:11");
        var rejected = new ConfigRejected("a/b", null, RejectionKind.Validation, [new ValidationError("x", "bad", "schema")], ConfigOrigin.File("/f.yaml"), At);
        var version = new VersionInfo(3, "sha256:00", ConfigFormat.Yaml, ConfigOrigin.Rollback(2, "alice", "hook"), At, 7, 14);
        var rejection = new RejectionInfo(8, "sha256:01", RejectionKind.Parse, [new ValidationError("", "bad")], ConfigOrigin.File("/f.yaml"), At, Journaled: false);
        return new TheoryData<object>
        {
            applied,
            rejected,
            new ReloadSnapshot("a/b", [applied], [rejected]),
            new ReloadRequested("a/b", "/f.yaml", ReloadTrigger.Startup),
            new ReloadRequested("a/b", "/f.yaml", ReloadTrigger.FileChanged, TraceParent),
            new ManualReload("a/b", "alice"),
            Rollback.To("a/b", 2, "alice"),
            new ReloadOutcome("a/b", OutcomeKind.Rejected, 2, [new ValidationError("", "boom")]),
            new GetCurrentConfig("a/b"),
            new CurrentConfig("a/b", version, true, "/f.yaml", "sha256:22", true, false, ["/f.json"], 1, rejection),
            new GetHistory("a/b", 100, 50),
            new TopicHistory("a/b", [HistoryEntry.From(version), HistoryEntry.From(rejection)], 0, 2),
            new TopicSnapshot("a/b", applied, [version], [rejection], rejection, 1, 7),
            new TopicSnapshot("a/b", null, [], [rejection], rejection, 1, 1),
            new FetchContent("a/b", "sha256:00", 65536, 65536),
            new ContentChunk("a/b", "sha256:00", 3, 10, [1, 2, 0xFF, 0]),
            new ContentUnavailable("a/b", "sha256:00", "gone"),
            new GetVersion("a/b", 3),
            new VersionLookup("a/b", version, null),
            new HotReloadCluster.Registry.ConfigChanged("a/b", 3, "sha256:00", ConfigFormat.Json, ConfigOrigin.File("/f.json"), At, 12, ["~ a: 1 -> 2"], 2),
            new HotReloadCluster.Registry.VersionPublished("a/b", new HotReloadCluster.Registry.ConfigChanged("a/b", 3, "sha256:00", ConfigFormat.Yaml, ConfigOrigin.Initial("/f.yaml"), At, 12, [], 0)),
            new HotReloadCluster.Registry.ConfigChanged("a/b", 3, "sha256:00", ConfigFormat.Json, ConfigOrigin.File("/f.json"), At, 12, ["~ a: 1 -> 2"], 2),
            new HotReloadCluster.Registry.ConfigChanged("a/b", 3, "sha256:00", ConfigFormat.Json, ConfigOrigin.File("/f.json"), At, 12, ["~ a: 1 -> 2"], 2, TraceParent),
            new HotReloadCluster.Registry.VersionPublished("a/b", new HotReloadCluster.Registry.ConfigChanged("a/b", 3, "sha256:00", ConfigFormat.Yaml, ConfigOrigin.Initial("/f.yaml"), At, 12, [], 0, TraceParent)),
            new HotReloadCluster.Registry.VersionPublished("a/b", new HotReloadCluster.Registry.ConfigChanged("a/b", 3, "sha256:00", ConfigFormat.Yaml, ConfigOrigin.Initial("/f.yaml"), At, 12, [], 0)),
            new HotReloadCluster.Admin.AdminResponsePart("0f", 1, 3, [0, 1, 2, 0xFE]),
            new HotReloadCluster.Admin.AdminFetchPart("token", "0f", 2),
            new GetTopicStatistics("a/b"),
            new EnsureTopic("a/b", "/f.yaml"),
            new TopicNotFound("a/b"),
            GetTopics.Instance,
            new TopicList(ImmutableSortedDictionary<string, string>.Empty.Add("a/b", "/f.yaml")),
            new HotReloadCluster.Registry.VersionReport("a/b", "akka.tcp://hotreload@10.0.0.1:4053", 3, At, null),
            new HotReloadCluster.Registry.VersionReport("a/b", "akka.tcp://hotreload@10.0.0.1:4053", 4, At, "missing variable ${DB_PASSWORD}"),
            new HotReloadCluster.Registry.GetRegistryState("a/b", 100),
            new HotReloadCluster.Registry.RegistryState("a/b", 4, "sha256:00", 2, [new HotReloadCluster.Registry.NodeVersion("akka.tcp://hotreload@10.0.0.1:4053", 4, At, "bad")], MoreNodes: true),
            new HotReloadCluster.Admin.AdminRequest("token", new HotReloadCluster.Admin.NodesCommand()),
            new HotReloadCluster.Admin.AdminResponse(HotReloadCluster.Admin.AdminOutcome.Ok, null, new HotReloadCluster.Admin.NodesPayload(
                [new HotReloadCluster.Admin.SubscriberNodeInfo("akka.tcp://hotreload@10.0.0.1:4053", "Up", true, [new HotReloadCluster.Admin.NodeTopicInfo("a/b", 3, 4, At, null)])])),
            new HotReloadCluster.Admin.AdminResponse(HotReloadCluster.Admin.AdminOutcome.Ok, null, new HotReloadCluster.Admin.TopicsPayload(
                [new HotReloadCluster.Admin.TopicInfo("a/b", 4, "sha256:00", "file", At, false, false, 1, "/f.yaml", IgnoredFiles: [], Nodes: [new HotReloadCluster.Admin.TopicNodeInfo("akka.tcp://hotreload@10.0.0.1:4053", 3, At, "bad")], Converged: false)])),
        };
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void RoundTrip_EveryMessage_IsEqualAndUsesOurSerializer(object message)
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);
        Assert.IsType<HotReloadSerializer>(serializer);

        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        var bytes = serializer.ToBinary(message);
        var back = Sys.Serialization.Deserialize(bytes, serializer.Identifier, manifest);

        Assert.Equal(Normalize(message), Normalize(back));
    }

    [Fact]
    public void TopicStatistics_RoundTrip_KeepsFigures()
    {
        var collector = new ReloadStatisticsCollector();
        collector.Record(new ReloadEvent(ReloadEventType.ReloadSuccess, "a", At) { Metadata = ImmutableDictionary<string, string>.Empty.Add(ReloadEventMetadata.ReloadTimeMs, "2.5") });
        var message = new TopicStatistics("a", collector.Snapshot());
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(message);

        var back = (TopicStatistics)serializer.FromBinary(serializer.ToBinary(message), serializer.Manifest(message));

        Assert.Equal(message, back);
    }

    [Fact]
    public void FromBinary_FirstFormatOfConfigApplied_IsStillRead()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(ConfigApplied));
        var json = """{"topic":"a","version":2,"content":"x: 1\ny: é\n","format":"yaml","hash":"sha256:00","origin":{"kind":"file","filePath":"/f.yaml"},"at":"2026-11-27T01:02:03.456+00:00"}"""u8.ToArray();

        var applied = (ConfigApplied)serializer.FromBinary(json, "config-applied.v1");

        Assert.Equal("x: 1\ny: é\n", applied.Content);
        Assert.Equal(OriginKind.File, applied.Origin.Kind);
        Assert.Equal("config-applied.v2", serializer.Manifest(applied));
    }

    [Fact]
    public void ToBinary_ContentInTheJournal_IsStoredAsItsOwnBytes()
    {
        var content = string.Concat(Enumerable.Repeat("clé: \"<value> & 'more'\"\n", 1000));
        var applied = new ConfigApplied("a", 1, content, ConfigFormat.Yaml, "sha256:00", ConfigOrigin.Initial("/f.yaml"), At);
        var serializer = Sys.Serialization.FindSerializerFor(applied);

        var bytes = serializer.ToBinary(applied);

        Assert.InRange(bytes.Length, System.Text.Encoding.UTF8.GetByteCount(content), System.Text.Encoding.UTF8.GetByteCount(content) + 400);
    }

    [Fact]
    public void FromBinary_ConfigChangedOfANodeWithoutTracing_ReadsWithoutTraceParent()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(HotReloadCluster.Registry.ConfigChanged));
        var json = """{"topic":"a","version":2,"hash":"sha256:00","format":"yaml","origin":{"kind":"file","filePath":"/f.yaml"},"at":"2026-11-27T01:02:03.456+00:00","size":5,"diff":["~ v: 1 -> 2"],"diffFrom":1}"""u8.ToArray();

        var changed = (HotReloadCluster.Registry.ConfigChanged)serializer.FromBinary(json, "config-changed.v2");

        Assert.Equal((2L, "~ v: 1 -> 2", (string?)null), (changed.Version, changed.Diff.Single(), changed.TraceParent));
    }

    [Fact]
    public void ToBinary_TraceParent_IsOneOptionalJsonMember_UnderTheSameManifest()
    {
        var untraced = new HotReloadCluster.Registry.ConfigChanged("a", 2, "sha256:00", ConfigFormat.Yaml, ConfigOrigin.File("/f.yaml"), At, 5, [], 0);
        var traced = untraced with { TraceParent = TraceParent };
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(traced);

        var withTrace = System.Text.Encoding.UTF8.GetString(serializer.ToBinary(traced));
        var without = System.Text.Encoding.UTF8.GetString(serializer.ToBinary(untraced));

        // An older node reads the same manifest and skips members it does not know; a message without a trace is unchanged.
        Assert.Equal("config-changed.v2", serializer.Manifest(traced));
        Assert.Equal(without[..^1] + ",\"traceParent\":\"" + TraceParent + "\"}", withTrace);
        Assert.DoesNotContain("traceParent", without, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBinary_UnknownManifest_IsRefused()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(new GetHistory("a"));

        var error = Assert.Throws<SerializationException>(() => serializer.FromBinary("{}"u8.ToArray(), "System.Diagnostics.Process, System"));

        Assert.Contains("Unknown manifest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Manifests_EveryMessageTypeInTheAssembly_HasOne()
    {
        var types = typeof(IHotReloadMessage).Assembly.GetTypes()
            .Where(t => typeof(IHotReloadMessage).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false });

        Assert.All(types, t => Assert.True(HotReloadSerializer.Manifests.ContainsKey(t), $"{t.Name} has no manifest"));
    }

    // Records holding ImmutableArray compare arrays by reference: compare their JSON instead.
    private static string Normalize(object message) =>
        System.Text.Json.JsonSerializer.Serialize(message, message.GetType()) + message.GetType().Name;
}
