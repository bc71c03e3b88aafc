using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Parsing;

namespace HotReloadCluster.Core.Tests.Documents;

/// <summary>
/// Differential test of <see cref="ConfigDocument.Flatten"/> against Microsoft.Extensions.Configuration.Json over real
/// <c>appsettings*.json</c> files from public .NET repositories (<c>Appsettings/README.md</c> lists where each came
/// from): our parser and Flatten must give exactly the provider's dictionary, for the file as JSON and for the same
/// document written as YAML.
/// </summary>
public sealed class AppsettingsDifferentialTests
{
    private static readonly ConfigParser Parser = new();

    private static string Directory => Path.Combine(AppContext.BaseDirectory, "Documents", "Appsettings");

    public static TheoryData<string> Files =>
        new(System.IO.Directory.GetFiles(Directory, "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));

    [Fact]
    public void Corpus_HasTwentyOrMoreFiles_EachWithItsSourceRecorded()
    {
        var readme = File.ReadAllText(Path.Combine(Directory, "README.md"));

        var files = System.IO.Directory.GetFiles(Directory, "*.json").Select(f => Path.GetFileName(f)).ToList();

        Assert.True(files.Count >= 20, $"only {files.Count} files");
        Assert.All(files, file => Assert.Contains("| `" + file + "` |", readme, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Flatten_RealAppsettingsFile_GivesTheJsonProvidersPairs(string file)
    {
        var path = Path.Combine(Directory, file);
        var expected = JsonProviderReference.Load(File.ReadAllBytes(path));

        var result = Parser.ParseFile(path);

        Assert.True(result.IsSuccess, result.ToString());
        JsonProviderReference.AssertSamePairs(expected, result.Document.Flatten(), file);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Flatten_RealAppsettingsFileWrittenAsYaml_GivesTheJsonProvidersPairs(string file)
    {
        var path = Path.Combine(Directory, file);
        var expected = JsonProviderReference.Load(File.ReadAllBytes(path));
        var yaml = ConfigWriter.ToYaml(Parser.ParseFile(path).GetDocumentOrThrow());

        var result = Parser.Parse(yaml, ConfigFormat.Yaml, file + ".yaml");

        Assert.True(result.IsSuccess, result + "\n" + yaml);
        JsonProviderReference.AssertSamePairs(expected, result.Document.Flatten(), file + " as YAML");
    }
}
