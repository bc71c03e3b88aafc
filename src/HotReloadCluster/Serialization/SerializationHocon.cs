namespace HotReloadCluster.Serialization;

/// <summary>The HOCON that binds <see cref="IHotReloadMessage"/> to <see cref="HotReloadSerializer"/>.</summary>
public static class SerializationHocon
{
    /// <summary>The binding.</summary>
    public const string Config = """
        akka.actor {
          serializers.hotreload = "HotReloadCluster.Serialization.HotReloadSerializer, HotReloadCluster"
          serialization-bindings {
            "HotReloadCluster.Serialization.IHotReloadMessage, HotReloadCluster" = hotreload
          }
          serialization-identifiers {
            "HotReloadCluster.Serialization.HotReloadSerializer, HotReloadCluster" = 7431
          }
        }
        """;
}
