using HotReloadCluster.Admin;

namespace HotReloadCluster.Hrc.Cli;

/// <summary><c>hrc audit [--limit N]</c>: the admin audit trail, newest last.</summary>
internal sealed class AuditCliCommand : AdminCliCommand<AuditSettings>
{
    /// <inheritdoc />
    protected override string Name => "audit";

    /// <inheritdoc />
    protected override AdminCommand CreateCommand(AuditSettings settings) => new AuditCommand(settings.Limit);
}
