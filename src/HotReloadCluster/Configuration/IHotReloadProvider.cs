namespace HotReloadCluster.Configuration;

/// <summary>A hot-reload configuration provider: the feed it shows, for options validation and plain-code access.</summary>
internal interface IHotReloadProvider
{
    /// <summary>The feed.</summary>
    ConfigFeed Feed { get; }
}
