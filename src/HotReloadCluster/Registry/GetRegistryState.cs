using HotReloadCluster.Serialization;

namespace HotReloadCluster.Registry;

/// <summary>Asks a topic's registry entity what it holds; answered with <see cref="RegistryState"/>.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="NodesFrom">The first per-node entry wanted (entries come in pages of <see cref="NodeVersionTable.PageSize"/>).</param>
internal sealed record GetRegistryState(string Topic, int NodesFrom = 0) : IHotReloadMessage, IWithTopic;
