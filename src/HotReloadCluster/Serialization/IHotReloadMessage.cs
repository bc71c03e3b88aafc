namespace HotReloadCluster.Serialization;

/// <summary>
/// Marker for every message and event that may cross the wire or enter the journal. It is bound once to
/// <see cref="HotReloadSerializer"/>; nothing else is serialized by type name.
/// </summary>
public interface IHotReloadMessage;
