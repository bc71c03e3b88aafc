using HotReloadCluster.Admin;

namespace HotReloadCluster.Hrc.Cli;

/// <summary><c>hrc topics</c>: every topic with its current version.</summary>
internal sealed class TopicsCliCommand : AdminCliCommand<HrcSettings>
{
    /// <inheritdoc />
    protected override string Name => "topics";

    /// <inheritdoc />
    protected override AdminCommand CreateCommand(HrcSettings settings) => new TopicsCommand();
}
