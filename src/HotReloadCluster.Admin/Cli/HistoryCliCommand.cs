using HotReloadCluster.Admin;

namespace HotReloadCluster.Hrc.Cli;

/// <summary><c>hrc history &lt;topic&gt;</c>: every version and rejected attempt.</summary>
internal sealed class HistoryCliCommand : AdminCliCommand<TopicSettings>
{
    /// <inheritdoc />
    protected override string Name => "history";

    /// <inheritdoc />
    protected override AdminCommand CreateCommand(TopicSettings settings) => new HistoryCommand(settings.Topic);
}
