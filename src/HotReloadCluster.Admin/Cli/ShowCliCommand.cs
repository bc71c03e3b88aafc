using HotReloadCluster.Admin;

namespace HotReloadCluster.Hrc.Cli;

/// <summary><c>hrc show &lt;topic&gt; [--version N]</c>: the content as stored, raw.</summary>
internal sealed class ShowCliCommand : AdminCliCommand<ShowSettings>
{
    /// <inheritdoc />
    protected override string Name => "show";

    /// <inheritdoc />
    protected override AdminCommand CreateCommand(ShowSettings settings) => new ShowCommand(settings.Topic, settings.Version);
}
