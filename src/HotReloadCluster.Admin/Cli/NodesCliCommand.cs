using HotReloadCluster.Admin;

namespace HotReloadCluster.Hrc.Cli;

/// <summary><c>hrc nodes</c>: every subscriber node with the version it runs (or refused) of each topic.</summary>
internal sealed class NodesCliCommand : AdminCliCommand<HrcSettings>
{
    /// <inheritdoc />
    protected override string Name => "nodes";

    /// <inheritdoc />
    protected override AdminCommand CreateCommand(HrcSettings settings) => new NodesCommand();
}
