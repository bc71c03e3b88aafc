namespace HotReloadCluster.Core.Validation;

/// <summary>
/// Where the schema of a configuration file lives by convention: beside it, named
/// <c>&lt;name without extension&gt;.schema.json</c> (<c>settings.yaml</c> → <c>settings.schema.json</c>).
/// </summary>
public static class SchemaConvention
{
    /// <summary>The suffix that replaces the configuration file's extension.</summary>
    public const string Suffix = ".schema.json";

    /// <summary>The conventional schema path for <paramref name="configPath"/>, in the same directory.</summary>
    public static string SchemaPathFor(string configPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(configPath);
        var directory = Path.GetDirectoryName(configPath) ?? string.Empty;
        return Path.Combine(directory, Path.GetFileNameWithoutExtension(configPath) + Suffix);
    }

    /// <summary>
    /// Loads the conventional schema of <paramref name="configPath"/>, or <see langword="null"/> when there is
    /// no such file. A schema file that exists but is broken is an error, not a silent "no schema".
    /// </summary>
    /// <exception cref="SchemaLoadException">The schema file exists but cannot be read or is invalid.</exception>
    public static JsonSchemaConfigValidator? TryLoadFor(string configPath)
    {
        var schemaPath = SchemaPathFor(configPath);
        return File.Exists(schemaPath) ? JsonSchemaConfigValidator.FromFile(schemaPath) : null;
    }
}
