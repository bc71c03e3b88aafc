using System.Text.Json;
using HotReloadCluster.Core.Documents;
using Json.Schema;

namespace HotReloadCluster.Core.Validation;

/// <summary>
/// Validates documents against a JSON Schema (JsonSchema.Net). The schema's <c>$schema</c> picks the draft
/// (draft-06, draft-07, 2019-09 and 2020-12 are understood); without one, draft 2020-12 is used. Every error
/// is reported, each at the <see cref="ConfigPath"/> of the offending node (<c>servers:1:port</c>), with a
/// readable message; <c>format</c> is asserted, not only annotated. Each instance owns a private schema
/// registry, so loading the same <c>$id</c> twice (a schema file reloaded) is fine. Instances are immutable
/// and thread-safe.
/// </summary>
public sealed class JsonSchemaConfigValidator : IConfigValidator
{
    /// <summary>The default <see cref="Name"/> of validators built from text.</summary>
    public const string DefaultName = "json-schema";

    private readonly JsonSchema _schema;

    private JsonSchemaConfigValidator(JsonSchema schema, string name, string? schemaPath)
    {
        _schema = schema;
        Name = name;
        SchemaPath = schemaPath;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The schema file, for validators built with <see cref="FromFile"/>.</summary>
    public string? SchemaPath { get; }

    /// <summary>Builds a validator from schema text.</summary>
    /// <param name="schemaJson">The JSON Schema, as JSON text.</param>
    /// <param name="name">The validator name; <see cref="DefaultName"/> by default.</param>
    /// <exception cref="SchemaLoadException">The text is not JSON or not a valid schema.</exception>
    public static JsonSchemaConfigValidator FromText(string schemaJson, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(schemaJson);
        var validatorName = string.IsNullOrWhiteSpace(name) ? DefaultName : name;
        return new JsonSchemaConfigValidator(Build(schemaJson, validatorName), validatorName, null);
    }

    /// <summary>Builds a validator from a schema file; its <see cref="Name"/> is the file name.</summary>
    /// <param name="schemaPath">The schema file.</param>
    /// <exception cref="SchemaLoadException">The file cannot be read, is not JSON, or is not a valid schema.</exception>
    public static JsonSchemaConfigValidator FromFile(string schemaPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(schemaPath);
        string text;
        try
        {
            text = File.ReadAllText(schemaPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException)
        {
            throw new SchemaLoadException(schemaPath, "cannot read the file: " + ex.Message, ex);
        }

        return new JsonSchemaConfigValidator(Build(text, schemaPath), Path.GetFileName(schemaPath), schemaPath);
    }

    /// <inheritdoc />
    public ValidationResult Validate(ConfigDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var instance = JsonSerializer.SerializeToDocument(document.ToJsonNode());
        EvaluationResults results;
        try
        {
            // The common case is a valid document: a yes/no evaluation stops at the first failure and collects
            // no annotations. Only an invalid document is evaluated again to list every error.
            if (_schema.Evaluate(instance.RootElement, NewEvaluationOptions(OutputFormat.Flag)).IsValid)
            {
                return ValidationResult.Success;
            }

            results = _schema.Evaluate(instance.RootElement, NewEvaluationOptions(OutputFormat.List));
        }
#pragma warning disable CA1031 // The schema is user input: whatever its evaluation throws (a bad pattern, a broken $ref) is a validation error.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ValidationResult.Failure(string.Empty, $"schema '{Name}' could not be evaluated: {ex.GetType().Name}: {ex.Message}", Name);
        }

        if (results.IsValid)
        {
            return ValidationResult.Success;
        }

        var errors = new List<ValidationError>();
        var seen = new HashSet<(string Path, string Message)>();
        Collect(results, document, errors, seen);
        if (errors.Count == 0)
        {
            errors.Add(new ValidationError(string.Empty, "the document does not match the schema", Name));
        }

        return ValidationResult.Failure(errors);
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private void Collect(EvaluationResults node, ConfigDocument document, List<ValidationError> into, HashSet<(string, string)> seen)
    {
        if (!node.IsValid && node.Errors is { Count: > 0 } errors)
        {
            var path = ConfigPath.FromJsonPointer(node.InstanceLocation.ToString(), document.Root);
            foreach (var (keyword, message) in errors)
            {
                var text = SchemaErrorFormatter.Format(keyword, message, node.EvaluationPath.ToString(), path, document.Find(path));
                if (seen.Add((path.ToString(), text)))
                {
                    into.Add(ValidationError.At(path, text, Name));
                }
            }
        }

        if (node.Details is { } details)
        {
            foreach (var child in details)
            {
                Collect(child, document, into, seen);
            }
        }
    }

    private static EvaluationOptions NewEvaluationOptions(OutputFormat format = OutputFormat.List) => new()
    {
        OutputFormat = format,
        RequireFormatValidation = true,
    };

    private static JsonSchema Build(string schemaJson, string source)
    {
        JsonSchema schema;
        try
        {
            // A private registry per schema: the global one refuses a second schema with the same $id.
            var options = new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft202012 };
            schema = JsonSchema.FromText(schemaJson, options);
        }
        catch (JsonException ex)
        {
            throw new SchemaLoadException(source, "not valid JSON: " + ex.Message, ex);
        }
        catch (Exception ex) when (ex is JsonSchemaException or ArgumentException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new SchemaLoadException(source, ex.Message, ex);
        }

        try
        {
            // References are resolved lazily; one evaluation surfaces broken top-level ones at load time.
            using var probe = JsonDocument.Parse("{}");
            schema.Evaluate(probe.RootElement, NewEvaluationOptions());
        }
        catch (Exception ex) when (ex is JsonSchemaException or ArgumentException or FormatException or InvalidOperationException or KeyNotFoundException or JsonException)
        {
            throw new SchemaLoadException(source, ex.Message, ex);
        }

        return schema;
    }
}
