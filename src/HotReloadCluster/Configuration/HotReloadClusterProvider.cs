using System.Text;
using HotReloadCluster.Core.Parsing;
using HotReloadCluster.Core.Substitution;
using HotReloadCluster.Subscriptions;
using Microsoft.Extensions.Configuration;

namespace HotReloadCluster.Configuration;

/// <summary>
/// The provider of a <see cref="HotReloadClusterSource"/>. Loading reads the last-known-good cache (versions marked
/// stale); the subscriber's feed actor offers every version it receives, and each accepted one replaces the data and
/// fires the reload token once.
/// </summary>
internal sealed class HotReloadClusterProvider : ConfigurationProvider, IHotReloadProvider
{
    private readonly HotReloadClusterSource _source;
    private bool _loaded;

    public HotReloadClusterProvider(HotReloadClusterSource source)
    {
        _source = source;
        Feed = new ConfigFeed(source.Topics, source.Options.SectionPerTopic);
        Cache = new LastKnownGoodCache(source.Options.CacheFolder);
        Feed.Changed += () =>
        {
            Data = new Dictionary<string, string?>(Feed.Data, StringComparer.OrdinalIgnoreCase);
            OnReload();
        };
    }

    /// <inheritdoc />
    public ConfigFeed Feed { get; }

    /// <summary>The last-known-good cache (the subscriber writes it).</summary>
    public LastKnownGoodCache Cache { get; }

    /// <summary>The application's member of the config cluster, when <c>WithHotReloadSubscriber</c> started one.</summary>
    public EmbeddedSubscriber? Subscriber { get; set; }

    /// <summary>The source's options.</summary>
    public HotReloadClusterSourceOptions Options => _source.Options;

    /// <inheritdoc />
    public override void Load()
    {
        if (!_loaded)
        {
            _loaded = true;
            foreach (var topic in _source.Topics)
            {
                if (Cache.Load(topic) is { } cached && FromCache(cached, _source.Options.Variables) is { } update)
                {
                    Feed.Offer(update, check: false);
                }
            }
        }

        Data = new Dictionary<string, string?>(Feed.Data, StringComparer.OrdinalIgnoreCase);
    }

    /// <inheritdoc />
    public override string ToString() => $"{GetType().Name} for topics {string.Join(", ", _source.Topics)}";

    /// <summary>A cached version as a stale update, or null when it no longer parses or resolves here.</summary>
    internal static ConfigUpdate? FromCache(CachedVersion cached, IVariableSource variables)
    {
        var parsed = new ConfigParser().Parse(Encoding.UTF8.GetBytes(cached.Content), cached.Format, cached.Topic);
        if (!parsed.IsSuccess)
        {
            return null;
        }

        var resolved = VariableSubstitution.Resolve(parsed.Document!, variables);
        return resolved.IsSuccess ? new ConfigUpdate(cached.Topic, cached.Version, resolved.Resolved!, [], cached.Origin, cached.Hash, Stale: true) : null;
    }
}
