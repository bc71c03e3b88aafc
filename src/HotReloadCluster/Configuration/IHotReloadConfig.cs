using HotReloadCluster.Subscriptions;

namespace HotReloadCluster.Configuration;

/// <summary>
/// Configuration that hot-reloads, for plain code (no actors): the current version of each topic, every new version as
/// it is applied (<see cref="Updates"/>, <see cref="ReadAllAsync"/>), and a typed view (<see cref="Bind{T}"/>).
/// Obtained from <c>builder.Configuration.GetHotReloadConfig()</c> after <c>AddHotReloadCluster</c>, or from a
/// <see cref="Facade.ConfigHotReloader"/>.
/// </summary>
public interface IHotReloadConfig
{
    /// <summary>The topics.</summary>
    IReadOnlyList<string> Topics { get; }

    /// <summary>Every applied version of every topic, in order per topic (observers are called on a background thread).</summary>
    IObservable<ConfigUpdate> Updates { get; }

    /// <summary>The current version of <paramref name="topic"/>, or null when it has none yet.</summary>
    ConfigUpdate? Current(string topic);

    /// <summary>The topic bound to <typeparamref name="T"/> (keys as IConfiguration sees them), or null when it has no version.</summary>
    T? Bind<T>(string topic)
        where T : class, new();

    /// <summary>The current version (if any), then every new one, until <paramref name="cancellationToken"/> is cancelled.</summary>
    IAsyncEnumerable<ConfigUpdate> ReadAllAsync(string topic, CancellationToken cancellationToken = default);
}
