using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace HotReloadCluster.Hrc.Cli;

/// <summary><c>audit [--limit N]</c>.</summary>
internal sealed class AuditSettings : HrcSettings
{
    /// <summary>The default number of entries.</summary>
    public const int DefaultLimit = 50;

    [CommandOption("--limit <N>")]
    [Description("How many of the most recent entries (default 50).")]
    [DefaultValue(DefaultLimit)]
    public int Limit { get; set; } = DefaultLimit;

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        Limit < 1 ? ValidationResult.Error("--limit must be 1 or more.") : base.Validate();
}
