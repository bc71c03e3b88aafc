using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Parsing;

namespace HotReloadCluster.Core.Tests.Parsing;

public sealed class SampleSettingsTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ConfigParser _parser = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ParseFile_RealisticSettingsYaml_GivesExpectedTree()
    {
        var path = _dir.WriteText("settings.yaml", SampleSettings.Yaml);

        var result = _parser.ParseFile(path);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(SampleSettings.Expected, result.Document);
        Assert.Equal(path, result.Document.SourceName);
        Assert.Equal(
            ["app", "database", "features", "logging", "cache"],
            ((ConfigMap)result.Document.Root).Keys);
        Assert.Equal("5432", result.Document.Flatten().Single(p => p.Key == "database:port").Value);
    }

    [Fact]
    public void ParseFile_SameSettingsAsJson_GivesEqualTree()
    {
        var path = _dir.WriteText("settings.json", ConfigWriter.ToJson(SampleSettings.Expected));

        var result = _parser.ParseFile(path);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(SampleSettings.Expected, result.Document);
    }
}
