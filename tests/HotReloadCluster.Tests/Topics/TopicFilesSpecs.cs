using HotReloadCluster.Tests.Support;
using HotReloadCluster.Topics;

namespace HotReloadCluster.Tests.Topics;

/// <summary>The one rule that picks a topic's file when several claim it.</summary>
public sealed class TopicFilesSpecs : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void Resolve_YamlYmlJson_PicksYamlAndReportsTheOthersInRuleOrder()
    {
        var json = _temp.Write("svc/settings.json", "{}");
        var yml = _temp.Write("svc/settings.yml", "a: 1\n");
        var yaml = _temp.Write("svc/settings.yaml", "a: 1\n");
        var files = new TopicFiles([new TopicRoot(_temp.Path, [])]);

        var choice = files.Resolve("svc/settings")!;

        Assert.Equal(yaml, choice.Path);
        Assert.Equal(string.Join("|", yml, json), string.Join("|", choice.Ignored));
        Assert.Contains("ignored: " + yml + ", " + json, choice.Describe("svc/settings"), StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_OnlyFilesOfARoot_IgnoresUnwatchedSiblings()
    {
        _temp.Write("settings.yaml", "a: 1\n");
        var json = _temp.Write("settings.json", "{}");
        var files = new TopicFiles([new TopicRoot(_temp.Path, [json])]);

        var choice = files.Resolve("settings")!;

        Assert.Equal(json, choice.Path);
        Assert.False(choice.IsCollision);
    }

    [Fact]
    public void Resolve_NoFile_IsNull_ButADanglingLinkCounts()
    {
        var files = new TopicFiles([new TopicRoot(_temp.Path, [])]);
        Assert.Null(files.Resolve("settings"));

        File.CreateSymbolicLink(_temp.File("settings.yaml"), _temp.File("nowhere.yaml"));

        Assert.Equal(_temp.File("settings.yaml"), files.Resolve("settings")!.Path);
    }

    [Theory]
    [InlineData("./settings")]
    [InlineData("svc/../settings")]
    [InlineData("ghost/../settings")]
    [InlineData("/settings")]
    public void Resolve_ANonCanonicalName_IsNoTopic(string name)
    {
        _temp.Write("settings.yaml", "a: 1\n");
        var files = new TopicFiles([new TopicRoot(_temp.Path, [])]);

        Assert.Null(files.Resolve(name));
        Assert.NotNull(files.Resolve("settings"));
    }

    public void Dispose() => _temp.Dispose();
}
