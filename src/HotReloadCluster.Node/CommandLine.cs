using System.Collections.Immutable;
using System.Globalization;
using HotReloadCluster.Cluster;
using HotReloadCluster.Core.Debouncing;
using Microsoft.Extensions.Configuration;

namespace HotReloadCluster.Node;

/// <summary>The node's flags and settings. Unknown flags or bad values are a usage error (exit code 2).</summary>
internal static class CommandLine
{
    public const string Usage = """
        usage: HotReloadCluster.Node [options]

          --watch <path>        a folder or file to watch (repeatable; default cluster-config)
          --data <folder>       where the SQLite journal lives (default data → data/hotreload.db)
          --journal <j>         sqlite:<file> or postgres:<connection string> (several nodes share PostgreSQL)
          --json                print one JSON object per line instead of a readable line
          --debounce <s>:<ms>   fixed|adaptive|aggressive|conservative and base delay, e.g. fixed:20
          --polling             poll for changes instead of inotify (network filesystems)
          --hostname <host>     the address other nodes reach this one at (default 127.0.0.1)
          --port <port>         the cluster port (default 4053; 0 picks a free one)
          --seed <host:port>    a seed node (repeatable; default: this node seeds itself)
          --roles <r1,r2>       config-source, config-registry, config-subscriber (default all)
          --subscribe <topic>   print each applied version of a topic (repeatable; needs config-subscriber)
          --stable-after <s>    split brain resolver stable-after in seconds (default 8)
          --failover <mode>     default, or fast: failover in seconds instead of ~30 s, with thinner margins
                                (docs/operations.md)
          --lease <postgres:cs> the split brain resolver's lease database (default: the journal when it is PostgreSQL);
                                every node of a cluster with several config nodes needs it, subscribers too
          --keep-versions <n>   keep at least the last n versions of each topic (default 1000)
          --keep-days <d>       also keep every version younger than d days (default: age does not matter)
          --tls-cert <pfx|pem>  this node's certificate: turns on mutual TLS for all remoting (needs --tls-ca)
          --tls-key <pem>       the private key of a PEM --tls-cert (a PFX carries its own)
          --tls-ca <pem>        the cluster's CA certificate: peers must present a certificate it signed
          --http <host:port>    serve /healthz, /readyz and /metrics over HTTP (off by default); host: an IP address,
                                localhost or * (every interface), e.g. 127.0.0.1:8080
          -h, --help            show this help

        Settings also come from appsettings.json (section HotReload) and environment variables
        HOTRELOAD_<SETTING> (e.g. HOTRELOAD_PORT, HOTRELOAD_JOURNAL, HOTRELOAD_ROLES=config-source,config-registry,
        HOTRELOAD_SEEDS__0=node1:4053, HOTRELOAD_WATCH__0=/config, HOTRELOAD_SUBSCRIBE__0=settings,
        HOTRELOAD_RETENTION__KEEPVERSIONS=1000, HOTRELOAD_RETENTION__KEEPDAYS=30, HOTRELOAD_HTTP=0.0.0.0:8080).
        Admin tokens for hrc: HOTRELOAD_ADMINTOKENS__0=name:viewer|operator:token (never a flag); without any,
        the node generates an operator token and prints it once on stderr.
        TLS: HOTRELOAD_TLS__CERT, HOTRELOAD_TLS__KEY, HOTRELOAD_TLS__CA (or HotReload:Tls:Cert/Key/Ca); the PFX (or
        encrypted key) password only in HOTRELOAD_TLS__PASSWORD or HotReload:Tls:Password, never a flag;
        HOTRELOAD_TLS__VALIDATEHOSTNAME=true also checks peer host names. Without TLS, remoting is plain TCP (the
        default, on 127.0.0.1); a node on any other address without TLS warns on stderr.
        """;

    /// <summary>The HOTRELOAD_* variables and HotReload:* keys the node understands.</summary>
    public static IReadOnlySet<string> Keys { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Watch", "Data", "Journal", "Lease", "Failover", "Json", "Debounce", "Polling", "Hostname", "Port", "Seeds", "Roles", "Subscribe", "StableAfter", "AdminTokens", "Retention",
        "Tls", "Http",
    };

    /// <summary>The flags the node understands.</summary>
    public static IReadOnlySet<string> Flags { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "--watch", "--data", "--journal", "--json", "--debounce", "--polling", "--hostname", "--port", "--seed", "--roles", "--subscribe", "--stable-after", "--lease", "--failover", "--keep-versions", "--keep-days", "--help", "-h",
        "--tls-cert", "--tls-key", "--tls-ca", "--http",
    };

    /// <summary>Parses flags over <paramref name="baseline"/>; returns an error message or null.</summary>
    public static string? TryParse(IReadOnlyList<string> args, NodeSettings baseline, out NodeSettings settings, out bool help)
    {
        settings = baseline;
        help = false;
        var watch = ImmutableArray.CreateBuilder<string>();
        var seeds = ImmutableArray.CreateBuilder<string>();
        var subscribe = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? Value() => i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            string? error = null;
            switch (arg)
            {
                case "-h" or "--help":
                    help = true;
                    return null;
                case "--json":
                    settings = settings with { Json = true };
                    break;
                case "--polling":
                    settings = settings with { Polling = true };
                    break;
                case "--watch":
                    error = Add(watch, Value(), "--watch needs a path");
                    break;
                case "--seed":
                    error = Add(seeds, Value(), "--seed needs host:port");
                    break;
                case "--subscribe":
                    error = Add(subscribe, Value(), "--subscribe needs a topic");
                    break;
                case "--data":
                    error = Apply(ref settings, "Data", Value(), "--data needs a folder");
                    break;
                case "--journal":
                    error = Apply(ref settings, "Journal", Value(), "--journal needs sqlite:<file> or postgres:<connection string>");
                    break;
                case "--debounce":
                    error = Apply(ref settings, "Debounce", Value(), "--debounce needs <fixed|adaptive|aggressive|conservative>:<ms>, e.g. fixed:20");
                    break;
                case "--hostname":
                    error = Apply(ref settings, "Hostname", Value(), "--hostname needs a host");
                    break;
                case "--port":
                    error = Apply(ref settings, "Port", Value(), "--port needs a number from 0 to 65535");
                    break;
                case "--roles":
                    error = Apply(ref settings, "Roles", Value(), "--roles needs a comma-separated list of config-source, config-registry, config-subscriber");
                    break;
                case "--stable-after":
                    error = Apply(ref settings, "StableAfter", Value(), "--stable-after needs seconds");
                    break;
                case "--failover":
                    error = Apply(ref settings, "Failover", Value(), "--failover needs default or fast");
                    break;
                case "--lease":
                    error = Apply(ref settings, "Lease", Value(), "--lease needs postgres:<connection string>");
                    break;
                case "--keep-versions":
                    error = Apply(ref settings, "KeepVersions", Value(), "--keep-versions needs a whole number of at least 1");
                    break;
                case "--keep-days":
                    error = Apply(ref settings, "KeepDays", Value(), "--keep-days needs a positive number of days");
                    break;
                case "--tls-cert":
                    error = Apply(ref settings, "Tls:Cert", Value(), "--tls-cert needs the path of a PFX or PEM certificate");
                    break;
                case "--tls-key":
                    error = Apply(ref settings, "Tls:Key", Value(), "--tls-key needs the path of a PEM private key");
                    break;
                case "--tls-ca":
                    error = Apply(ref settings, "Tls:Ca", Value(), "--tls-ca needs the path of the cluster's CA certificate");
                    break;
                case "--http":
                    error = Apply(ref settings, "Http", Value(), HttpUsage);
                    break;
                case "--tls-password":
                    return $"unknown option '{arg}': the TLS password comes only from {HotReloadCluster.Cluster.Tls.TlsOptions.PasswordVariable} or HotReload:Tls:Password, never a flag";
                default:
                    return $"unknown option '{arg}'";
            }

            if (error is not null)
            {
                return error;
            }
        }

        if (watch.Count > 0)
        {
            settings = settings with { Watch = watch.ToImmutable() };
        }

        if (seeds.Count > 0)
        {
            settings = settings with { Seeds = seeds.ToImmutable() };
        }

        if (subscribe.Count > 0)
        {
            settings = settings with { Subscribe = subscribe.ToImmutable() };
        }

        return Check(settings);
    }

    /// <summary>Reads the HotReload section; returns an error message or null.</summary>
    public static string? TryBind(IConfiguration configuration, out NodeSettings settings)
    {
        var section = configuration.GetSection("HotReload");
        settings = new NodeSettings();
        foreach (var child in section.GetChildren())
        {
            if (!Keys.Contains(child.Key))
            {
                return $"unknown setting HotReload:{child.Key} (HOTRELOAD_{child.Key.ToUpperInvariant()})";
            }
        }

        foreach (var (key, apply) in new (string Key, Func<NodeSettings, ImmutableArray<string>, NodeSettings> Apply)[]
        {
            ("Watch", (s, v) => s with { Watch = v }),
            ("Seeds", (s, v) => s with { Seeds = v }),
            ("Subscribe", (s, v) => s with { Subscribe = v }),
            ("AdminTokens", (s, v) => s with { AdminTokens = v }),
        })
        {
            var list = List(section, key);
            if (!list.IsEmpty)
            {
                settings = apply(settings, list);
            }
        }

        var roleList = List(section, "Roles");
        if (!roleList.IsEmpty && Apply(ref settings, "Roles", string.Join(',', roleList), $"HotReload:Roles has a bad value '{string.Join(',', roleList)}'") is { } rolesError)
        {
            return rolesError;
        }

        foreach (var key in new[] { "Data", "Journal", "Lease", "Failover", "Json", "Debounce", "Polling", "Hostname", "Port", "StableAfter", "Http" })
        {
            if (section[key] is { Length: > 0 } value && Apply(ref settings, key, value, $"HotReload:{key} has a bad value '{value}'") is { } error)
            {
                return error;
            }
        }

        var retention = section.GetSection("Retention");
        foreach (var child in retention.GetChildren())
        {
            var key = child.Key.Equals("KeepVersions", StringComparison.OrdinalIgnoreCase) ? "KeepVersions"
                : child.Key.Equals("KeepDays", StringComparison.OrdinalIgnoreCase) ? "KeepDays"
                : null;
            if (key is null)
            {
                return $"unknown setting HotReload:Retention:{child.Key} (KeepVersions or KeepDays)";
            }

            if (child.Value is { Length: > 0 } value && Apply(ref settings, key, value, $"HotReload:Retention:{key} has a bad value '{value}'") is { } error)
            {
                return error;
            }
        }

        foreach (var child in section.GetSection("Tls").GetChildren())
        {
            var key = TlsKeys.FirstOrDefault(k => k.Equals(child.Key, StringComparison.OrdinalIgnoreCase));
            if (key is null)
            {
                return $"unknown setting HotReload:Tls:{child.Key} (Cert, Key, Ca, Password or ValidateHostname)";
            }

            if (child.Value is { Length: > 0 } value && Apply(ref settings, "Tls:" + key, value, $"HotReload:Tls:{key} has a bad value") is { } error)
            {
                return error;
            }
        }

        return Check(settings);
    }

    private const string HttpUsage = "--http needs <host>:<port> with host an IP address, localhost or * and port 1 to 65535, e.g. 127.0.0.1:8080";

    /// <summary>The keys of the HotReload:Tls section (HOTRELOAD_TLS__*).</summary>
    private static readonly string[] TlsKeys = ["Cert", "Key", "Ca", "Password", "ValidateHostname"];

    /// <summary>HOTRELOAD_X__Y environment variables as HotReload:X:Y keys, and Logging__X__Y as Logging:X:Y.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> EnvironmentOverrides(System.Collections.IDictionary environment)
    {
        foreach (System.Collections.DictionaryEntry entry in environment)
        {
            if (entry.Key is string key && key.StartsWith("HOTRELOAD_", StringComparison.OrdinalIgnoreCase)
                && Keys.Contains(key["HOTRELOAD_".Length..].Split("__")[0]))
            {
                yield return new("HotReload:" + key["HOTRELOAD_".Length..].Replace("__", ":", StringComparison.Ordinal), entry.Value as string);
            }
            else if (entry.Key is string logging && logging.StartsWith("Logging__", StringComparison.OrdinalIgnoreCase))
            {
                // The usual .NET form, e.g. Logging__LogLevel__Default=Information or
                // Logging__Console__FormatterOptions__TimestampFormat="HH:mm:ss.fff ".
                yield return new(logging.Replace("__", ":", StringComparison.Ordinal), entry.Value as string);
            }
        }
    }

    private static ImmutableArray<string> List(IConfigurationSection section, string key)
    {
        var children = section.GetSection(key).GetChildren().Select(c => c.Value).OfType<string>().Where(v => v.Length > 0).ToImmutableArray();
        if (!children.IsEmpty)
        {
            return children;
        }

        return section[key] is { Length: > 0 } single
            ? [.. single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
            : [];
    }

    private static string? Add(ImmutableArray<string>.Builder list, string? value, string error)
    {
        if (value is null)
        {
            return error;
        }

        list.Add(value);
        return null;
    }

    private static string? Apply(ref NodeSettings settings, string key, string? value, string error)
    {
        if (value is null)
        {
            return error;
        }

        switch (key)
        {
            case "Data":
                settings = settings with { Data = value };
                return null;
            case "Hostname":
                settings = settings with { Hostname = value };
                return null;
            case "Failover" when value is "default" or "fast":
                settings = settings with { FastFailover = value == "fast" };
                return null;
            case "Lease" when value.StartsWith("postgres:", StringComparison.Ordinal) && value.Length > "postgres:".Length:
                settings = settings with { Lease = value["postgres:".Length..] };
                return null;
            case "Journal" when value.StartsWith("sqlite:", StringComparison.Ordinal) || value.StartsWith("postgres:", StringComparison.Ordinal):
                settings = settings with { Journal = value };
                return null;
            case "Json" when bool.TryParse(value, out var json):
                settings = settings with { Json = json };
                return null;
            case "Polling" when bool.TryParse(value, out var polling):
                settings = settings with { Polling = polling };
                return null;
            case "Debounce" when DebounceConfig.TryParse(value, out var debounce):
                settings = settings with { Debounce = debounce };
                return null;
            case "Port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535:
                settings = settings with { Port = port };
                return null;
            case "StableAfter" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0:
                settings = settings with { StableAfterSeconds = seconds };
                return null;
            case "KeepVersions" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var keep) && keep >= 1:
                settings = settings with { KeepVersions = keep };
                return null;
            case "KeepDays" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var days) && days > 0 && days < 100_000:
                settings = settings with { KeepDays = days };
                return null;
            case "Http" when HttpEndpoint.TryParse(value, out var http):
                settings = settings with { Http = http };
                return null;
            case "Tls:Cert":
                settings = settings with { Tls = settings.Tls with { CertificatePath = value } };
                return null;
            case "Tls:Key":
                settings = settings with { Tls = settings.Tls with { KeyPath = value } };
                return null;
            case "Tls:Ca":
                settings = settings with { Tls = settings.Tls with { CaPath = value } };
                return null;
            case "Tls:Password":
                settings = settings with { Tls = settings.Tls with { Password = value } };
                return null;
            case "Tls:ValidateHostname" when bool.TryParse(value, out var validateHostname):
                settings = settings with { Tls = settings.Tls with { ValidateHostname = validateHostname } };
                return null;
            case "Roles":
                var roles = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToImmutableArray();
                if (roles.IsEmpty || roles.Any(r => !HotReloadRoles.All.Contains(r)))
                {
                    return error;
                }

                settings = settings with { Roles = roles };
                return null;
            default:
                return error;
        }
    }

    private static string? Check(NodeSettings settings) =>
        !settings.Subscribe.IsEmpty && !settings.Roles.Contains(HotReloadRoles.Subscriber)
            ? "--subscribe needs the config-subscriber role"
            : null;
}
