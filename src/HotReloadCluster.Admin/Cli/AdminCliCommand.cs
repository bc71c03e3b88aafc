using HotReloadCluster.Admin;
using HotReloadCluster.Cluster.Tls;
using HotReloadCluster.Hrc.Output;
using HotReloadCluster.Hrc.Transport;
using Spectre.Console.Cli;

namespace HotReloadCluster.Hrc.Cli;

/// <summary>
/// A console command: builds one <see cref="AdminCommand"/>, sends it with the token, prints the answer (human or
/// <c>--json</c>) and maps it to an exit code. The token is only ever put into the request.
/// </summary>
internal abstract class AdminCliCommand<TSettings> : AsyncCommand<TSettings>
    where TSettings : HrcSettings
{
    /// <summary>The command's name, as in the JSON documents.</summary>
    protected abstract string Name { get; }

    /// <summary>The admin command to send.</summary>
    protected abstract AdminCommand CreateCommand(TSettings settings);

    /// <summary>The exit code of a successful answer (1 when, say, a reload was rejected).</summary>
    protected virtual int ExitCodeFor(AdminPayload? payload) => ExitCodes.Ok;

    /// <inheritdoc />
    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var terminal = Terminal.FromConsole();
        if (settings.ResolveToken(Environment.GetEnvironmentVariable) is not { } token)
        {
            terminal.Fail($"no admin token: pass --token <token> or set {HrcSettings.TokenVariable}.");
            return ExitCodes.Usage;
        }

        TlsCertificates? tls = null;
        if (settings.ResolveTls(Environment.GetEnvironmentVariable) is { IsConfigured: true } tlsOptions)
        {
            try
            {
                tls = TlsCertificateLoader.Load(tlsOptions);
            }
            catch (TlsConfigurationException ex)
            {
                terminal.Fail(ex.Message);
                return ExitCodes.Usage;
            }
        }

        var contacts = settings.Contacts(tls, out var contactError);
        if (contactError is not null)
        {
            terminal.Fail(contactError);
            return ExitCodes.Usage;
        }

        var request = new AdminRequest(token, CreateCommand(settings));
        await using var connection = AdminConnection.Start(contacts, settings.TimeoutSpan, tls);
        try
        {
            return await RunAsync(connection, request, settings, terminal, cancellationToken);
        }
        catch (ClusterUnreachableException ex)
        {
            terminal.Fail(ex.Message);
            if (settings.Json)
            {
                terminal.Out.WriteLine(JsonRenderer.Error(Name, "unreachable", ex.Message));
            }

            return ExitCodes.Unreachable;
        }
    }

    /// <summary>Sends the request and presents the answer.</summary>
    protected virtual async Task<int> RunAsync(AdminConnection connection, AdminRequest request, TSettings settings, Terminal terminal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var response = await connection.AskAsync(request, cancellationToken);
        return Present(response, settings, terminal);
    }

    /// <summary>Prints the answer and returns its exit code.</summary>
    protected int Present(AdminResponse response, TSettings settings, Terminal terminal)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(terminal);
        if (settings.Json)
        {
            terminal.Out.WriteLine(JsonRenderer.Document(Name, response));
        }
        else if (response.Payload is { } payload)
        {
            HumanRenderer.Render(payload, terminal.Human);
        }

        switch (response.Outcome)
        {
            case AdminOutcome.Unauthorized:
                terminal.Fail("not authorized: " + (response.Error ?? "the token is unknown or its role may not run " + Name + "."));
                return ExitCodes.Unauthorized;
            case AdminOutcome.Failed:
                terminal.Fail(response.Error ?? Name + " failed.");
                return ExitCodes.Failed;
            default:
                return ExitCodeFor(response.Payload);
        }
    }
}
