using Spectre.Console;

namespace HotReloadCluster.Hrc.Output;

/// <summary>Where a command writes: stdout (command output only), stderr (messages), and the human writer for stdout.</summary>
/// <param name="Out">stdout.</param>
/// <param name="Error">stderr.</param>
/// <param name="Human">Tables and colors when stdout is a terminal, plain text when it is redirected.</param>
internal sealed record Terminal(TextWriter Out, TextWriter Error, HumanWriter Human)
{
    /// <summary>The process's console.</summary>
    public static Terminal FromConsole() => new(
        Console.Out,
        Console.Error,
        Console.IsOutputRedirected ? HumanWriter.Plain(Console.Out) : HumanWriter.Rich(AnsiConsole.Console));

    /// <summary>A one-line message on stderr, prefixed with <c>error: </c>.</summary>
    public void Fail(string message) => Error.WriteLine("error: " + message);
}
