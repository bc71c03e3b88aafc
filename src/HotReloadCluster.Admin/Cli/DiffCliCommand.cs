using HotReloadCluster.Admin;

namespace HotReloadCluster.Hrc.Cli;

/// <summary><c>hrc diff &lt;topic&gt; &lt;from&gt; [&lt;to&gt;]</c>: added, removed and changed paths.</summary>
internal sealed class DiffCliCommand : AdminCliCommand<DiffSettings>
{
    /// <inheritdoc />
    protected override string Name => "diff";

    /// <inheritdoc />
    protected override AdminCommand CreateCommand(DiffSettings settings) => new DiffCommand(settings.Topic, settings.From, settings.To);
}
