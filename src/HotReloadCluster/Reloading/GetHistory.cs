using HotReloadCluster.Serialization;

namespace HotReloadCluster.Reloading;

/// <summary>Asks for one page of a topic's history (oldest first); answered with <see cref="TopicHistory"/>.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Offset">How many entries to skip.</param>
/// <param name="Max">At most this many entries (capped at <see cref="MaxPage"/>).</param>
public sealed record GetHistory(string Topic, int Offset = 0, int Max = GetHistory.MaxPage) : IHotReloadMessage, IWithTopic
{
    /// <summary>The largest page: small enough that a page of entries with bounded errors fits one remoting frame.</summary>
    public const int MaxPage = 100;
}
