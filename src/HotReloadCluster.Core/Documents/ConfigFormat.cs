namespace HotReloadCluster.Core.Documents;

/// <summary>The text format of a configuration file.</summary>
public enum ConfigFormat
{
    /// <summary>YAML 1.2 (one document), parsed with YamlDotNet.</summary>
    Yaml,

    /// <summary>JSON (RFC 8259), parsed with System.Text.Json.</summary>
    Json,
}
