using System.Collections.Immutable;
using HotReloadCluster.Core.Debouncing;

namespace HotReloadCluster.Node;

/// <summary>The node's settings after appsettings.json, HOTRELOAD_* environment variables and flags.</summary>
internal sealed record NodeSettings
{
    public ImmutableArray<string> Watch { get; init; } = ["cluster-config"];

    public string Data { get; init; } = "data";

    public bool Json { get; init; }

    public DebounceConfig? Debounce { get; init; }

    public bool Polling { get; init; }

    public string Hostname { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 4053;

    public ImmutableArray<string> Seeds { get; init; } = [];

    public ImmutableArray<string> Roles { get; init; } = [.. HotReloadCluster.Cluster.HotReloadRoles.All];

    public ImmutableArray<string> Subscribe { get; init; } = [];

    /// <summary>sqlite:&lt;file&gt; or postgres:&lt;connection string&gt;; null means SQLite in <see cref="Data"/>.</summary>
    public string? Journal { get; init; }

    /// <summary>Whether the fast failover settings are on (<c>--failover fast</c>).</summary>
    public bool FastFailover { get; init; }

    /// <summary>The PostgreSQL connection string of the split brain resolver's lease; null means the journal's, if PostgreSQL.</summary>
    public string? Lease { get; init; }

    /// <summary>Admin tokens as name:role:token (from appsettings or HOTRELOAD_ADMINTOKENS__n only, never a flag).</summary>
    public ImmutableArray<string> AdminTokens { get; init; } = [];

    /// <summary>Split brain resolver stable-after, in seconds.</summary>
    public double? StableAfterSeconds { get; init; }

    /// <summary>Retention: at least this many versions per topic (null: the default, 1,000).</summary>
    public int? KeepVersions { get; init; }

    /// <summary>Retention: also every version younger than this many days (null: age does not matter).</summary>
    public double? KeepDays { get; init; }

    /// <summary>Where the HTTP endpoint (/healthz, /readyz, /metrics) listens; null: no HTTP endpoint (the default).</summary>
    public HttpEndpoint? Http { get; init; }

    /// <summary>Mutual TLS for remoting (paths from flags, settings or HOTRELOAD_TLS__*; the password never from a flag).</summary>
    public HotReloadCluster.Cluster.Tls.TlsOptions Tls { get; init; } = new();

    /// <summary>The retention these settings ask for.</summary>
    public HotReloadCluster.Reloading.RetentionSettings Retention => new()
    {
        KeepVersions = KeepVersions ?? HotReloadCluster.Reloading.RetentionSettings.Default.KeepVersions,
        KeepFor = KeepDays is { } days ? TimeSpan.FromDays(days) : null,
    };
}
