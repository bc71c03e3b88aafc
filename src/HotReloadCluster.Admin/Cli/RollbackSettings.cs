using System.ComponentModel;
using HotReloadCluster.Reloading;
using Spectre.Console;
using Spectre.Console.Cli;

namespace HotReloadCluster.Hrc.Cli;

/// <summary><c>rollback &lt;topic&gt; (--to N | --previous | --initial)</c>: exactly one of the three.</summary>
internal sealed class RollbackSettings : TopicSettings
{
    [CommandOption("--to <N>")]
    [Description("Roll back to version N.")]
    public long? To { get; set; }

    [CommandOption("--previous")]
    [Description("Roll back to the version before the current one.")]
    public bool Previous { get; set; }

    [CommandOption("--initial")]
    [Description("Roll back to version 1.")]
    public bool Initial { get; set; }

    /// <summary>The chosen mode. Call after <see cref="Validate"/>.</summary>
    public RollbackMode Mode => Previous ? RollbackMode.Previous : Initial ? RollbackMode.Initial : RollbackMode.ToVersion;

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        var chosen = (To is null ? 0 : 1) + (Previous ? 1 : 0) + (Initial ? 1 : 0);
        if (chosen != 1)
        {
            return ValidationResult.Error("Give exactly one of --to <N>, --previous, --initial.");
        }

        return To is < 1 ? ValidationResult.Error("--to must be 1 or more.") : base.Validate();
    }
}
