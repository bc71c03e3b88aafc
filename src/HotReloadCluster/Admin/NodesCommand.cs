namespace HotReloadCluster.Admin;

/// <summary>Every subscriber node with the version it runs (or refused) of each topic.</summary>
public sealed record NodesCommand : AdminCommand
{
    /// <inheritdoc />
    public override string Name => "nodes";
}
