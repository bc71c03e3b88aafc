using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace HotReloadCluster.Configuration;

/// <summary>One options type's validation, run on a candidate configuration (see <c>AddHotReloadOptions</c>).</summary>
internal interface IHotReloadOptionsCheck
{
    /// <summary>The failures of the options bound from <paramref name="candidate"/>, or an empty list.</summary>
    IReadOnlyList<string> Check(IConfiguration candidate);
}

/// <summary>Binds <typeparamref name="T"/> from a section of the candidate and runs every <see cref="IValidateOptions{T}"/>.</summary>
internal sealed class OptionsCheck<T>(string sectionPath, string name, IServiceProvider services) : IHotReloadOptionsCheck
    where T : class
{
    public IReadOnlyList<string> Check(IConfiguration candidate)
    {
        T value;
        try
        {
            value = Activator.CreateInstance<T>();
            candidate.GetSection(sectionPath).Bind(value);
        }
        catch (InvalidOperationException ex)
        {
            return [$"{typeof(T).Name}: {ex.Message}"];
        }

        var failures = new List<string>();
        foreach (var validator in services.GetServices<IValidateOptions<T>>())
        {
            if (validator.Validate(name, value) is { Failed: true } result)
            {
                failures.AddRange(result.Failures ?? [result.FailureMessage]);
            }
        }

        return [.. failures.Select(f => $"{typeof(T).Name}: {f}")];
    }
}

/// <summary>
/// Installs the options checks on every hot-reload provider of the application's configuration: a candidate version is
/// shown to each check as the whole configuration would be with it (the other providers as they are now), and refused
/// when any fails, before IConfiguration or IOptionsMonitor sees it.
/// </summary>
internal static class OptionsGate
{
    /// <summary>Installs the checks registered in <paramref name="services"/> (idempotent).</summary>
    public static void Install(IServiceProvider services)
    {
        if (services.GetService<IConfiguration>() is not IConfigurationRoot root)
        {
            return;
        }

        var checks = services.GetServices<IHotReloadOptionsCheck>().ToList();
        if (checks.Count == 0)
        {
            return;
        }

        foreach (var provider in root.Providers)
        {
            if (provider is IHotReloadProvider hot)
            {
                hot.Feed.Check = candidate => CheckCandidate(root, provider, candidate, checks);
            }
        }
    }

    private static string? CheckCandidate(IConfigurationRoot live, IConfigurationProvider ours, IReadOnlyDictionary<string, string?> data, List<IHotReloadOptionsCheck> checks)
    {
        var providers = live.Providers.Select(p => ReferenceEquals(p, ours) ? (IConfigurationProvider)new StaticProvider(data) : new PassThroughProvider(p)).ToList();
        var candidate = new ConfigurationRoot(providers);
        var failures = checks.SelectMany(c => c.Check(candidate)).ToList();
        return failures.Count == 0 ? null : string.Join("; ", failures);
    }

    /// <summary>The candidate data.</summary>
    private sealed class StaticProvider : ConfigurationProvider
    {
        public StaticProvider(IReadOnlyDictionary<string, string?> data) => Data = new Dictionary<string, string?>(data, StringComparer.OrdinalIgnoreCase);

        public override void Load()
        {
        }
    }

    /// <summary>Another provider as it is now (never reloaded, never disposed through the candidate).</summary>
    private sealed class PassThroughProvider(IConfigurationProvider inner) : IConfigurationProvider
    {
        public bool TryGet(string key, out string? value) => inner.TryGet(key, out value);

        public void Set(string key, string? value)
        {
        }

        public IChangeToken GetReloadToken() => new CancellationChangeToken(CancellationToken.None);

        public void Load()
        {
        }

        public IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath) => inner.GetChildKeys(earlierKeys, parentPath);
    }
}

/// <summary>Installs the options checks when the application starts (file providers; the subscriber installs them too).</summary>
internal sealed class OptionsGateService(IServiceProvider services) : Microsoft.Extensions.Hosting.IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        OptionsGate.Install(services);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
