using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Validation;

namespace HotReloadCluster.Core.Tests.Validation;

public sealed class JsonSchemaConfigValidatorTests : IDisposable
{
    private const string SettingsSchema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "additionalProperties": false,
          "required": ["name", "database"],
          "properties": {
            "name": { "type": "string", "minLength": 1 },
            "mode": { "enum": ["development", "staging", "production"] },
            "database": {
              "type": "object",
              "required": ["host", "port"],
              "properties": {
                "host": { "type": "string" },
                "port": { "type": "integer", "minimum": 1, "maximum": 65535 }
              }
            },
            "servers": {
              "type": "array",
              "items": {
                "type": "object",
                "required": ["port"],
                "properties": { "port": { "type": "integer" } }
              }
            },
            "timeout": { "type": "number", "exclusiveMinimum": 0 }
          }
        }
        """;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "hrc-tests", Guid.NewGuid().ToString("N"));

    public JsonSchemaConfigValidatorTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Validate_ValidDocument_IsValid()
    {
        var validator = LoadSettingsSchema();
        var document = JsonDocuments.Parse("""
            {"name":"api","mode":"production","database":{"host":"db","port":5432},"servers":[{"port":80},{"port":443}],"timeout":1.5}
            """);

        var result = validator.Validate(document);

        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    public void Validate_WrongType_ErrorAtNodePathShowingValue()
    {
        var validator = LoadSettingsSchema();
        var document = JsonDocuments.Parse("""{"name":"api","database":{"host":"db","port":"abc"}}""");

        var result = validator.Validate(document);

        var error = Assert.Single(result.Errors);
        Assert.Equal("database:port", error.Path);
        Assert.Equal("value \"abc\" is string but should be integer", error.Message);
        Assert.Equal("settings.schema.json", error.Validator);
    }

    [Fact]
    public void Validate_RequiredPropertyMissing_ErrorNamesProperty()
    {
        var validator = LoadSettingsSchema();
        var document = JsonDocuments.Parse("""{"name":"api","database":{"host":"db"}}""");

        var result = validator.Validate(document);

        var error = Assert.Single(result.Errors);
        Assert.Equal("database", error.Path);
        Assert.Equal("missing required property 'port'", error.Message);
    }

    [Fact]
    public void Validate_SeveralRequiredMissing_NamesAllOfThem()
    {
        var validator = LoadSettingsSchema();
        var document = JsonDocuments.Parse("{}");

        var result = validator.Validate(document);

        var error = Assert.Single(result.Errors);
        Assert.Equal(string.Empty, error.Path);
        Assert.Equal("missing required properties 'name', 'database'", error.Message);
        Assert.Equal("(root): missing required properties 'name', 'database'", error.ToString());
    }

    [Fact]
    public void Validate_ValueNotInEnum_ErrorShowsValue()
    {
        var validator = LoadSettingsSchema();
        var document = JsonDocuments.Parse("""{"name":"api","mode":"chaos","database":{"host":"db","port":1}}""");

        var result = validator.Validate(document);

        var error = Assert.Single(result.Errors);
        Assert.Equal("mode", error.Path);
        Assert.Contains("enum", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"chaos\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BelowMinimum_ErrorMentionsValueAndBound()
    {
        var validator = LoadSettingsSchema();
        var document = JsonDocuments.Parse("""{"name":"api","database":{"host":"db","port":0}}""");

        var result = validator.Validate(document);

        var error = Assert.Single(result.Errors);
        Assert.Equal("database:port", error.Path);
        Assert.Equal("0 should be at least 1", error.Message);
    }

    [Fact]
    public void Validate_AdditionalPropertyWhenForbidden_ErrorNamesProperty()
    {
        var validator = LoadSettingsSchema();
        var document = JsonDocuments.Parse("""{"name":"api","database":{"host":"db","port":1},"colour":"blue"}""");

        var result = validator.Validate(document);

        var error = Assert.Single(result.Errors);
        Assert.Equal("colour", error.Path);
        Assert.Equal("property 'colour' is not allowed", error.Message);
    }

    [Fact]
    public void Validate_NestedArrayItemError_PathIndexesTheSequence()
    {
        var validator = LoadSettingsSchema();
        var document = JsonDocuments.Parse("""{"name":"api","database":{"host":"db","port":1},"servers":[{"port":80},{"port":"http"},{}]}""");

        var result = validator.Validate(document);

        Assert.Equal(
            ["servers:1:port: value \"http\" is string but should be integer", "servers:2: missing required property 'port'"],
            result.Errors.Select(e => e.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_ManyProblems_ReportsAllAtOnceWithoutDuplicates()
    {
        var validator = LoadSettingsSchema();
        var document = JsonDocuments.Parse("""
            {"name":"","mode":"chaos","database":{"port":70000},"servers":[{"port":"x"}],"timeout":0,"extra":true}
            """);

        var result = validator.Validate(document);

        var paths = result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["database", "database:port", "extra", "mode", "name", "servers:0:port", "timeout"], paths);
        Assert.Equal(result.Errors.Length, result.Errors.Distinct().Count());
    }

    [Fact]
    public void Validate_KeyWithPointerSpecialCharacters_PathUsesRawKey()
    {
        var validator = JsonSchemaConfigValidator.FromText("""{"properties":{"a/b~c":{"type":"integer"}}}""");
        var document = new ConfigDocument(ConfigMap.Create(("a/b~c", ConfigScalar.FromString("x"))));

        var result = validator.Validate(document);

        Assert.Equal("a/b~c", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Validate_NullRootDocument_ReportsTypeErrorAtRoot()
    {
        var validator = LoadSettingsSchema();

        var result = validator.Validate(new ConfigDocument(ConfigScalar.Null));

        var error = Assert.Single(result.Errors);
        Assert.Equal("(root): value null is null but should be object", error.ToString());
    }

    [Fact]
    public void FromText_Draft07Schema_UsesDraft07Semantics()
    {
        // Tuple-form "items" and "definitions" only exist in draft-07 and earlier; 2020-12 rejects an array "items".
        var validator = JsonSchemaConfigValidator.FromText("""
            {
              "$schema": "http://json-schema.org/draft-07/schema#",
              "definitions": { "port": { "type": "integer", "maximum": 65535 } },
              "type": "object",
              "properties": {
                "pair": { "type": "array", "items": [ { "type": "string" }, { "$ref": "#/definitions/port" } ] }
              },
              "required": ["pair"]
            }
            """, "legacy");
        var valid = JsonDocuments.Parse("""{"pair":["web",8080]}""");
        var invalid = JsonDocuments.Parse("""{"pair":["web",70000]}""");

        var validResult = validator.Validate(valid);
        var invalidResult = validator.Validate(invalid);

        Assert.True(validResult.IsValid, validResult.ToString());
        var error = Assert.Single(invalidResult.Errors);
        Assert.Equal("pair:1", error.Path);
        Assert.Equal("legacy", error.Validator);
    }

    [Fact]
    public void FromText_NoSchemaKeyword_DefaultsToDraft202012()
    {
        // prefixItems is a 2020-12 keyword; under draft-07 it would be ignored.
        var validator = JsonSchemaConfigValidator.FromText("""{"prefixItems":[{"type":"string"}]}""");

        var result = validator.Validate(JsonDocuments.Parse("[1]"));

        Assert.Equal("0", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void FromText_SameIdLoadedTwice_BothWork()
    {
        const string Schema = """{"$id":"https://example.com/settings.schema.json","type":"object"}""";

        var first = JsonSchemaConfigValidator.FromText(Schema);
        var second = JsonSchemaConfigValidator.FromText(Schema.Replace("object", "array", StringComparison.Ordinal));

        Assert.True(first.Validate(JsonDocuments.Parse("{}")).IsValid);
        Assert.True(second.Validate(JsonDocuments.Parse("[]")).IsValid);
    }

    [Fact]
    public void FromFile_NotJson_ThrowsSchemaLoadExceptionNamingFile()
    {
        var path = WriteFile("broken.schema.json", "{ \"type\": ");

        var ex = Assert.Throws<SchemaLoadException>(() => JsonSchemaConfigValidator.FromFile(path));

        Assert.Equal(path, ex.SchemaSource);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromFile_InvalidKeywordValue_ThrowsSchemaLoadExceptionWithReason()
    {
        var path = WriteFile("bad.schema.json", """{"type": 12}""");

        var ex = Assert.Throws<SchemaLoadException>(() => JsonSchemaConfigValidator.FromFile(path));

        Assert.Contains("bad.schema.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'type'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromFile_MissingFile_ThrowsSchemaLoadException()
    {
        var path = Path.Combine(_dir, "absent.schema.json");

        var ex = Assert.Throws<SchemaLoadException>(() => JsonSchemaConfigValidator.FromFile(path));

        Assert.IsType<FileNotFoundException>(ex.InnerException);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"$ref":"#/nope"}""")]
    [InlineData("""{"$schema":"https://example.com/unknown-dialect"}""")]
    [InlineData("""{"minimum":"five"}""")]
    public void FromText_InvalidSchema_ThrowsSchemaLoadException(string schema)
    {
        var ex = Assert.Throws<SchemaLoadException>(() => JsonSchemaConfigValidator.FromText(schema, "inline"));

        Assert.Equal("inline", ex.SchemaSource);
        Assert.StartsWith("Invalid JSON Schema 'inline': ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CalledInParallel_GivesSameResults()
    {
        var validator = LoadSettingsSchema();
        var good = JsonDocuments.Parse("""{"name":"api","database":{"host":"db","port":1}}""");
        var bad = JsonDocuments.Parse("""{"name":"api","database":{"host":"db","port":"x"}}""");
        var mismatches = 0;

        Parallel.For(0, 400, i =>
        {
            var result = validator.Validate(i % 2 == 0 ? good : bad);
            if (result.IsValid != (i % 2 == 0) || (!result.IsValid && result.Errors.Length != 1))
            {
                Interlocked.Increment(ref mismatches);
            }
        });

        Assert.Equal(0, mismatches);
    }

    private JsonSchemaConfigValidator LoadSettingsSchema() =>
        JsonSchemaConfigValidator.FromFile(WriteFile("settings.schema.json", SettingsSchema));

    private string WriteFile(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}
