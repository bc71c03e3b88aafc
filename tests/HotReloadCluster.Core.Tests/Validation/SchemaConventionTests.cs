using HotReloadCluster.Core.Validation;

namespace HotReloadCluster.Core.Tests.Validation;

public sealed class SchemaConventionTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "hrc-tests", Guid.NewGuid().ToString("N"));

    public SchemaConventionTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("/etc/app/settings.yaml", "/etc/app/settings.schema.json")]
    [InlineData("/etc/app/settings.json", "/etc/app/settings.schema.json")]
    [InlineData("/etc/app/app.prod.yml", "/etc/app/app.prod.schema.json")]
    [InlineData("settings.yaml", "settings.schema.json")]
    public void SchemaPathFor_ConfigPath_ReplacesExtensionBesideIt(string configPath, string expected)
    {
        Assert.Equal(expected, SchemaConvention.SchemaPathFor(configPath));
    }

    [Fact]
    public void TryLoadFor_SchemaBesideConfig_LoadsAndValidates()
    {
        var configPath = Path.Combine(_dir, "settings.yaml");
        File.WriteAllText(configPath, "port: 80\n");
        File.WriteAllText(Path.Combine(_dir, "settings.schema.json"), """{"type":"object","required":["host"]}""");

        var validator = SchemaConvention.TryLoadFor(configPath);

        Assert.NotNull(validator);
        Assert.Equal(Path.Combine(_dir, "settings.schema.json"), validator.SchemaPath);
        Assert.Equal("settings.schema.json", validator.Name);
        var result = validator.Validate(JsonDocuments.Parse("""{"port":80}"""));
        Assert.Equal("missing required property 'host'", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void TryLoadFor_NoSchemaFile_ReturnsNull()
    {
        var configPath = Path.Combine(_dir, "settings.yaml");
        File.WriteAllText(configPath, "port: 80\n");

        Assert.Null(SchemaConvention.TryLoadFor(configPath));
    }

    [Fact]
    public void TryLoadFor_BrokenSchemaFile_ThrowsInsteadOfSkippingValidation()
    {
        var configPath = Path.Combine(_dir, "settings.yaml");
        File.WriteAllText(Path.Combine(_dir, "settings.schema.json"), "not json");

        var ex = Assert.Throws<SchemaLoadException>(() => SchemaConvention.TryLoadFor(configPath));

        Assert.Contains("settings.schema.json", ex.Message, StringComparison.Ordinal);
    }
}
