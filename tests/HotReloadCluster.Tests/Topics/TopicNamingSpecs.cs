using HotReloadCluster.Tests.Support;
using HotReloadCluster.Topics;

namespace HotReloadCluster.Tests.Topics;

public sealed class TopicNamingSpecs
{
    [Theory]
    [InlineData("settings.yaml", true)]
    [InlineData("settings.YML", true)]
    [InlineData("features.json", true)]
    [InlineData("features.schema.json", false)]
    [InlineData(".hidden.yaml", false)]
    [InlineData("notes.txt", false)]
    [InlineData("settings.yaml.tmp", false)]
    [InlineData("..data/settings.yaml", false)]
    [InlineData("..2026_11_27/settings.yaml", false)]
    [InlineData(".git/config.json", false)]
    [InlineData("services/payments.yaml", true)]
    public void IsTopicFile_ByName_FollowsTheRules(string relative, bool expected)
    {
        var root = "/srv/config";

        Assert.Equal(expected, TopicNaming.IsTopicFile(root, Path.Combine(root, relative)));
    }

    [Fact]
    public void IsTopicFile_OutsideRoot_IsFalse()
    {
        Assert.False(TopicNaming.IsTopicFile("/srv/config", "/srv/other/settings.yaml"));
    }

    [Fact]
    public void TopicFor_NestedFile_IsRelativePathWithoutExtension()
    {
        Assert.Equal("services/payments", TopicNaming.TopicFor("/srv/config", "/srv/config/services/payments.yml"));
    }

    [Fact]
    public void EnumerateTopicFiles_RealFolder_SkipsDotFoldersAndSchemas()
    {
        using var temp = new TempDirectory();
        temp.Write("a.yaml", "a: 1");
        temp.Write("a.schema.json", "{}");
        temp.Write("sub/b.json", "{}");
        temp.Write("..data/c.yaml", "c: 1");
        temp.Write(".git/d.yaml", "d: 1");

        var topics = TopicNaming.EnumerateTopicFiles(temp.Path).Select(f => TopicNaming.TopicFor(temp.Path, f)).Order(StringComparer.Ordinal);

        Assert.Equal(["a", "sub/b"], topics);
    }
}
