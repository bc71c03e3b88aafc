using HotReloadCluster.Admin;

namespace HotReloadCluster.Hrc.Cli;

/// <summary><c>hrc status</c>: nodes, topics and reload statistics.</summary>
internal sealed class StatusCliCommand : AdminCliCommand<HrcSettings>
{
    /// <inheritdoc />
    protected override string Name => "status";

    /// <inheritdoc />
    protected override AdminCommand CreateCommand(HrcSettings settings) => new StatusCommand();
}
