namespace HotReloadCluster.Reloading;

/// <summary>
/// Stops a topic's actor after passivation: sent through its backoff supervisor (the supervisor's final stop message,
/// so it stops for good instead of restarting) after every message already on its way to the actor.
/// </summary>
internal sealed record StopTopic
{
    public static readonly StopTopic Instance = new();

    private StopTopic()
    {
    }
}
