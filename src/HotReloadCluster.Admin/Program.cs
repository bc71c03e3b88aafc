using System.Runtime.InteropServices;
using HotReloadCluster.Hrc;
using HotReloadCluster.Hrc.Cli;
using Spectre.Console.Cli;

// Ctrl+C and SIGTERM end `tail` (exit 0) and cancel any wait.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

var app = new CommandApp();
app.Configure(HrcApp.Configure);
try
{
    if (args.Length == 0)
    {
        // No command is a usage error: the help, then exit 2.
        await app.RunAsync(["--help"], stop.Token);
        return ExitCodes.Usage;
    }

    return await app.RunAsync(args, stop.Token);
}
catch (CommandAppException ex)
{
    await Console.Error.WriteLineAsync("error: " + ex.Message);
    await Console.Error.WriteLineAsync("Run 'hrc --help' or 'hrc <command> --help' for usage.");
    return ExitCodes.Usage;
}
