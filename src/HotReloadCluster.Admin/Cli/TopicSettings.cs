using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace HotReloadCluster.Hrc.Cli;

/// <summary>A command about one topic.</summary>
internal class TopicSettings : HrcSettings
{
    [CommandArgument(0, "<topic>")]
    [Description("The topic (the watched file's name without extension).")]
    public string Topic { get; set; } = string.Empty;

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Topic) ? ValidationResult.Error("The topic must not be empty.") : base.Validate();
}
