using HotReloadCluster.Serialization;

namespace HotReloadCluster.Registry;

/// <summary>Asks a topic's registry entity what it holds; answered with <see cref="RegistryState"/>.</summary>
/// <param name="Topic">The topic.</param>
internal sealed record GetRegistryState(string Topic) : IHotReloadMessage, IWithTopic;
