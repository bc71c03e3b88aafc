using System.Text;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Hashing;
using HotReloadCluster.Reloading;
using HotReloadCluster.Subscriptions;
using HotReloadCluster.Tests.Support;

namespace HotReloadCluster.Tests.Configuration;

/// <summary>The last-known-good cache on disk: what it keeps, and that a damaged file never yields a wrong config.</summary>
public sealed class LastKnownGoodCacheSpecs : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void SaveThenLoad_RoundTripsTheTemplateExactly()
    {
        var cache = new LastKnownGoodCache(_temp.File("cache"));
        var entry = Entry("services/payments", 7, "\uFEFFurl: ${PAY_URL}\nnote: \"é ✓\"\r\n");

        cache.Save(entry);

        Assert.Equal(entry, cache.Load("services/payments"));
        Assert.Null(cache.Load("services"));
        Assert.Single(Directory.GetFiles(cache.Folder)); // one file per topic, no temporary left behind
    }

    [Fact]
    public void Save_ReplacesThePreviousVersion()
    {
        var cache = new LastKnownGoodCache(_temp.File("cache"));
        cache.Save(Entry("settings", 1, "a: 1\n"));
        cache.Save(Entry("settings", 2, "a: 2\n"));

        Assert.Equal(2, cache.Load("settings")!.Version);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("garbage")]
    [InlineData("wrong-hash")]
    [InlineData("other-topic")]
    [InlineData("empty")]
    public void DamagedFile_IsIgnored_NeverAWrongConfig(string damage)
    {
        var cache = new LastKnownGoodCache(_temp.File("cache"));
        cache.Save(Entry("settings", 3, "database:\n  host: db1\n"));
        var file = Directory.GetFiles(cache.Folder).Single();
        var text = File.ReadAllText(file);
        File.WriteAllText(file, damage switch
        {
            "truncated" => text[..(text.Length / 2)],
            "garbage" => "\u0001\u0002 not json",
            "wrong-hash" => text.Replace("db1", "db9", StringComparison.Ordinal),
            "other-topic" => text.Replace("\"Topic\":\"settings\"", "\"Topic\":\"limits\"", StringComparison.Ordinal),
            _ => string.Empty,
        });

        Assert.Null(cache.Load("settings"));
    }

    [Fact]
    public void TopicNamesWithSlashesOrDots_StayInsideTheFolder()
    {
        var cache = new LastKnownGoodCache(_temp.File("cache"));

        cache.Save(Entry("../escape", 1, "a: 1\n"));
        cache.Save(Entry("a/b", 1, "b: 1\n"));

        Assert.All(Directory.GetFiles(_temp.Path, "*", SearchOption.AllDirectories), f => Assert.StartsWith(cache.Folder, f, StringComparison.Ordinal));
        Assert.Equal("a: 1\n", cache.Load("../escape")!.Content);
        Assert.Equal("b: 1\n", cache.Load("a/b")!.Content);
    }

    [Fact]
    public void UnwritableFolder_Save_Throws_Load_IsNull()
    {
        var blocker = _temp.Write("cache", "a file where the folder should be");
        var cache = new LastKnownGoodCache(blocker);

        Assert.ThrowsAny<IOException>(() => cache.Save(Entry("settings", 1, "a: 1\n")));
        Assert.Null(cache.Load("settings"));
    }

    private static CachedVersion Entry(string topic, long version, string content) =>
        new(topic, version, ContentHash.Compute(Encoding.UTF8.GetBytes(content)), ConfigFormat.Yaml, new ConfigOrigin(OriginKind.File, "/x/settings.yaml"), DateTimeOffset.UnixEpoch, content);
}
