using HotReloadCluster.Admin;
using HotReloadCluster.Hrc.Output;
using HotReloadCluster.Hrc.Transport;

namespace HotReloadCluster.Hrc.Cli;

/// <summary>
/// <c>hrc tail [&lt;topic&gt;]</c>: one line per reload event (one JSON object per line with <c>--json</c>) until
/// Ctrl+C or SIGTERM, then exit 0. Exit 3 when the first answer does not come within the timeout, 4 when refused.
/// </summary>
internal sealed class TailCliCommand : AdminCliCommand<OptionalTopicSettings>
{
    /// <inheritdoc />
    protected override string Name => "tail";

    /// <inheritdoc />
    protected override AdminCommand CreateCommand(OptionalTopicSettings settings) => new TailCommand(settings.Topic);

    /// <inheritdoc />
    protected override async Task<int> RunAsync(AdminConnection connection, AdminRequest request, OptionalTopicSettings settings, Terminal terminal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(terminal);
        var started = new TaskCompletionSource<AdminResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopped = new TaskCompletionSource<AdminResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var json = settings.Json;
        void Print(AdminTailEvent e)
        {
            terminal.Out.WriteLine(json ? JsonRenderer.TailEvent(e) : HumanRenderer.TailLine(e));
            terminal.Out.Flush();
        }

        connection.System.ActorOf(TailActor.Props(connection.Client, request, Print, started, stopped), "tail");
        AdminResponse first;
        try
        {
            first = await started.Task.WaitAsync(connection.Remaining, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new ClusterUnreachableException(connection.UnreachableMessage(), ex);
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Ok;
        }

        if (first.Outcome != AdminOutcome.Ok)
        {
            return Present(first, settings, terminal);
        }

        if (!json)
        {
            terminal.Error.WriteLine($"tailing {settings.Topic ?? "every topic"} through {string.Join(", ", connection.ContactList)}; Ctrl+C stops");
        }

        try
        {
            var refused = await stopped.Task.WaitAsync(cancellationToken);
            return Present(refused, settings, terminal);
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Ok;
        }
    }
}
