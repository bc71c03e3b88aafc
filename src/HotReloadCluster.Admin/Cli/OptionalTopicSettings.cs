using System.ComponentModel;
using Spectre.Console.Cli;

namespace HotReloadCluster.Hrc.Cli;

/// <summary>A command about one topic or, without one, every topic.</summary>
internal sealed class OptionalTopicSettings : HrcSettings
{
    [CommandArgument(0, "[topic]")]
    [Description("The topic; every topic when omitted.")]
    public string? Topic { get; set; }
}
