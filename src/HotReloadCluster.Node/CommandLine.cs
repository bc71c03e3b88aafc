using System.Collections.Immutable;
using HotReloadCluster.Core.Debouncing;
using Microsoft.Extensions.Configuration;

namespace HotReloadCluster.Node;

/// <summary>The node's flags. Unknown flags or bad values are a usage error (exit code 2).</summary>
internal static class CommandLine
{
    public const string Usage = """
        usage: HotReloadCluster.Node [options]

          --watch <path>        a folder or file to watch (repeatable; default cluster-config)
          --data <folder>       where the SQLite journal lives (default data → data/hotreload.db)
          --json                print one JSON object per event instead of a readable line
          --debounce <s>:<ms>   fixed|adaptive|aggressive|conservative and base delay, e.g. fixed:20
          --polling             poll for changes instead of inotify (network filesystems)
          -h, --help            show this help

        Settings also come from appsettings.json (section HotReload) and environment variables
        HOTRELOAD_WATCH__0, HOTRELOAD_DATA, HOTRELOAD_JSON, HOTRELOAD_DEBOUNCE, HOTRELOAD_POLLING.
        """;

    /// <summary>Parses flags over <paramref name="baseline"/>; returns an error message or null.</summary>
    public static string? TryParse(IReadOnlyList<string> args, NodeSettings baseline, out NodeSettings settings, out bool help)
    {
        settings = baseline;
        help = false;
        var watch = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? Value()
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return null;
                }

                return args[++i];
            }

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
                    if (Value() is not { } path)
                    {
                        return "--watch needs a path";
                    }

                    watch.Add(path);
                    break;
                case "--data":
                    if (Value() is not { } data)
                    {
                        return "--data needs a folder";
                    }

                    settings = settings with { Data = data };
                    break;
                case "--debounce":
                    if (Value() is not { } text || !DebounceConfig.TryParse(text, out var debounce))
                    {
                        return "--debounce needs <fixed|adaptive|aggressive|conservative>:<ms>, e.g. fixed:20";
                    }

                    settings = settings with { Debounce = debounce };
                    break;
                default:
                    return $"unknown option '{arg}'";
            }
        }

        if (watch.Count > 0)
        {
            settings = settings with { Watch = watch.ToImmutable() };
        }

        return null;
    }

    /// <summary>Reads the HotReload section; returns an error message or null.</summary>
    public static string? TryBind(IConfiguration configuration, out NodeSettings settings)
    {
        var section = configuration.GetSection("HotReload");
        settings = new NodeSettings();
        var watch = section.GetSection("Watch").GetChildren().Select(c => c.Value).OfType<string>().Where(v => v.Length > 0).ToImmutableArray();
        if (!watch.IsEmpty)
        {
            settings = settings with { Watch = watch };
        }
        else if (section["Watch"] is { Length: > 0 } single)
        {
            settings = settings with { Watch = [single] };
        }

        if (section["Data"] is { Length: > 0 } data)
        {
            settings = settings with { Data = data };
        }

        if (section["Json"] is { Length: > 0 } json)
        {
            if (!bool.TryParse(json, out var value))
            {
                return $"HotReload:Json must be true or false, not '{json}'";
            }

            settings = settings with { Json = value };
        }

        if (section["Polling"] is { Length: > 0 } polling)
        {
            if (!bool.TryParse(polling, out var value))
            {
                return $"HotReload:Polling must be true or false, not '{polling}'";
            }

            settings = settings with { Polling = value };
        }

        if (section["Debounce"] is { Length: > 0 } debounceText)
        {
            if (!DebounceConfig.TryParse(debounceText, out var debounce))
            {
                return $"HotReload:Debounce must look like fixed:20, not '{debounceText}'";
            }

            settings = settings with { Debounce = debounce };
        }

        return null;
    }

    /// <summary>HOTRELOAD_X__Y environment variables as HotReload:X:Y keys.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> EnvironmentOverrides(System.Collections.IDictionary environment)
    {
        foreach (System.Collections.DictionaryEntry entry in environment)
        {
            if (entry.Key is string key && key.StartsWith("HOTRELOAD_", StringComparison.OrdinalIgnoreCase) && !key.Equals("HOTRELOAD_ADMIN_TOKEN", StringComparison.OrdinalIgnoreCase))
            {
                yield return new("HotReload:" + key["HOTRELOAD_".Length..].Replace("__", ":", StringComparison.Ordinal), entry.Value as string);
            }
        }
    }
}
