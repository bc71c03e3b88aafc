using HotReloadCluster.Admin;
using HotReloadCluster.Hrc.Output;

namespace HotReloadCluster.Hrc.Cli;

/// <summary><c>hrc rollback &lt;topic&gt; (--to N | --previous | --initial)</c>; exit 1 when refused.</summary>
internal sealed class RollbackCliCommand : AdminCliCommand<RollbackSettings>
{
    /// <inheritdoc />
    protected override string Name => "rollback";

    /// <inheritdoc />
    protected override AdminCommand CreateCommand(RollbackSettings settings) => new RollbackCommand(settings.Topic, settings.Mode, settings.To);

    /// <inheritdoc />
    protected override int ExitCodeFor(AdminPayload? payload) =>
        payload is OutcomesPayload outcomes && HumanRenderer.AnyFailing(outcomes) ? ExitCodes.Failed : ExitCodes.Ok;
}
