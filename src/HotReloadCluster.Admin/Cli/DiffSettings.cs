using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace HotReloadCluster.Hrc.Cli;

/// <summary><c>diff &lt;topic&gt; &lt;from&gt; [&lt;to&gt;]</c>.</summary>
internal sealed class DiffSettings : TopicSettings
{
    [CommandArgument(1, "<from>")]
    [Description("The older version.")]
    public long From { get; set; }

    [CommandArgument(2, "[to]")]
    [Description("The newer version (default: the current one).")]
    public long? To { get; set; }

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        From < 1 || To is < 1 ? ValidationResult.Error("Versions are 1 or more.") : base.Validate();
}
