using HotReloadCluster.Admin;
using HotReloadCluster.Hrc.Output;

namespace HotReloadCluster.Hrc.Cli;

/// <summary><c>hrc reload [&lt;topic&gt;]</c>: a manual reload; exit 1 when any topic is rejected, failed or refused.</summary>
internal sealed class ReloadCliCommand : AdminCliCommand<OptionalTopicSettings>
{
    /// <inheritdoc />
    protected override string Name => "reload";

    /// <inheritdoc />
    protected override AdminCommand CreateCommand(OptionalTopicSettings settings) => new ReloadCommand(settings.Topic);

    /// <inheritdoc />
    protected override int ExitCodeFor(AdminPayload? payload) =>
        payload is OutcomesPayload outcomes && HumanRenderer.AnyFailing(outcomes) ? ExitCodes.Failed : ExitCodes.Ok;
}
