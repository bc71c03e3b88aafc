using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace OrdersService;

/// <summary>The <c>database</c> section of the cluster's <c>settings</c> topic.</summary>
public sealed class DatabaseOptions
{
    [Required]
    public string Host { get; set; } = string.Empty;

    [Range(1, 65535)]
    public int Port { get; set; }

    [Required]
    public string Name { get; set; } = string.Empty;

    public string User { get; set; } = string.Empty;

    /// <summary>From <c>${DB_PASSWORD}</c> on this machine; never shown, never cached.</summary>
    public string Password { get; set; } = string.Empty;

    public PoolOptions Pool { get; set; } = new();
}

/// <summary>The connection pool; snake_case keys in the file map to properties by name.</summary>
public sealed class PoolOptions
{
    [ConfigurationKeyName("min_size")]
    [Range(0, 1000)]
    public int MinSize { get; set; }

    [ConfigurationKeyName("max_size")]
    [Range(1, 1000)]
    public int MaxSize { get; set; }
}

/// <summary>The <c>cache</c> section.</summary>
public sealed class CacheOptions
{
    public bool Enabled { get; set; }

    [ConfigurationKeyName("ttl_seconds")]
    [Range(1, 86400)]
    public int TtlSeconds { get; set; }
}
