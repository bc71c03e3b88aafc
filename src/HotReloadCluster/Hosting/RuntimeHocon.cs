namespace HotReloadCluster.Hosting;

/// <summary>
/// How a HotReloadCluster ActorSystem runs: the <see cref="TimerQueueScheduler"/> (an idle node does not wake
/// every 10 ms) and the <see cref="CompactMailbox"/> for the actors kept per watched file. Added by the hosting
/// extensions with the lowest priority, so an application that sets <c>akka.scheduler.implementation</c> itself
/// keeps its choice.
/// </summary>
public static class RuntimeHocon
{
    /// <summary>The mailbox id of <see cref="CompactMailbox"/>, for <c>Props.WithMailbox</c>.</summary>
    public const string CompactMailboxId = "hotreload.compact-mailbox";

    /// <summary>The settings.</summary>
    public const string Config = """
        akka.scheduler.implementation = "HotReloadCluster.Hosting.TimerQueueScheduler, HotReloadCluster"
        hotreload.compact-mailbox.mailbox-type = "HotReloadCluster.Hosting.CompactMailbox, HotReloadCluster"
        """;
}
