using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace HotReloadCluster.Hrc.Cli;

/// <summary><c>show &lt;topic&gt; [--version N]</c>.</summary>
internal sealed class ShowSettings : TopicSettings
{
    [CommandOption("--version <N>")]
    [Description("The version to show (default: the current one).")]
    public long? Version { get; set; }

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        Version is < 1 ? ValidationResult.Error("--version must be 1 or more.") : base.Validate();
}
