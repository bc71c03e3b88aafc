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

    /// <summary>
    /// <paramref name="props"/> with <see cref="CompactMailbox"/> when <paramref name="system"/> has it configured
    /// (every system the hosting extensions build does); unchanged otherwise, so an actor created in a plain
    /// ActorSystem still starts, with Akka's default mailbox.
    /// </summary>
    public static Akka.Actor.Props WithCompactMailbox(this Akka.Actor.Props props, Akka.Actor.ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(props);
        ArgumentNullException.ThrowIfNull(system);
        return system.Settings.Config.HasPath(CompactMailboxId + ".mailbox-type") ? props.WithMailbox(CompactMailboxId) : props;
    }

    /// <summary>The settings.</summary>
    public const string Config = """
        akka.scheduler.implementation = "HotReloadCluster.Hosting.TimerQueueScheduler, HotReloadCluster"
        hotreload.compact-mailbox.mailbox-type = "HotReloadCluster.Hosting.CompactMailbox, HotReloadCluster"
        """;
}
