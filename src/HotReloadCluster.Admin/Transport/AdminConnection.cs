using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Cluster.Tools.Client;
using Akka.Configuration;
using HotReloadCluster.Admin;
using HotReloadCluster.Cluster.Tls;
using HotReloadCluster.Serialization;

namespace HotReloadCluster.Hrc.Transport;

/// <summary>
/// A remote-only ActorSystem with a <see cref="ClusterClient"/> to the receptionists of the contacts: reaches the
/// admin endpoint (<c>/user/admin</c>) without joining the cluster. Every wait is bounded by one deadline, so an
/// unreachable cluster is reported within the timeout.
/// </summary>
internal sealed class AdminConnection : IAsyncDisposable
{
    /// <summary>Where the endpoint is registered with the receptionist.</summary>
    public const string EndpointPath = "/user/admin";

    private static readonly TimeSpan ShutdownBound = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ShutdownReserve = TimeSpan.FromMilliseconds(300);

    private readonly Stopwatch _clock;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _budget;
    private readonly bool _tls;

    private AdminConnection(ActorSystem system, IActorRef client, ImmutableArray<string> contacts, TimeSpan timeout, TimeSpan budget, Stopwatch clock, bool tls)
    {
        _tls = tls;
        _budget = budget;
        System = system;
        Client = client;
        ContactList = contacts;
        _timeout = timeout;
        _clock = clock;
    }

    /// <summary>The client's ActorSystem.</summary>
    public ActorSystem System { get; }

    /// <summary>The ClusterClient.</summary>
    public IActorRef Client { get; }

    /// <summary>The normalized contacts.</summary>
    public ImmutableArray<string> ContactList { get; }

    /// <summary>What is left of the timeout (at least 100 ms).</summary>
    public TimeSpan Remaining => TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(100).Ticks, (_budget - _clock.Elapsed).Ticks));

    /// <summary>The HOCON of the client system (without serialization and cluster-client fallbacks).</summary>
    public const string Hocon = """
        akka {
          loglevel = ERROR
          stdout-loglevel = OFF
          loggers = ["HotReloadCluster.Hrc.Transport.StderrLogger, hrc"]
          log-dead-letters = off
          log-dead-letters-during-shutdown = off
          log-config-on-start = off
          actor.provider = remote
          remote {
            log-remote-lifecycle-events = off
            dot-netty.tcp {
              hostname = 127.0.0.1
              port = 0
            }
          }
          coordinated-shutdown.run-by-clr-shutdown-hook = off
          cluster.client.establishing-get-contacts-interval = 1s
        }
        """;

    /// <summary>The full configuration: <see cref="Hocon"/>, the project's serializer, cluster-client defaults.</summary>
    public static Config Configuration() =>
        ConfigurationFactory.ParseString(Hocon)
            .WithFallback(ConfigurationFactory.ParseString(SerializationHocon.Config))
            .WithFallback(ClusterClientReceptionist.DefaultConfig());

    /// <summary>
    /// Starts the client system, with mutual TLS when <paramref name="tls"/> is given. <paramref name="timeout"/>
    /// bounds the whole run: the time since the process started counts, and a little is kept back for the shutdown.
    /// </summary>
    public static AdminConnection Start(ImmutableArray<string> contacts, TimeSpan timeout, TlsCertificates? tls = null)
    {
        var given = timeout;
        var clock = Stopwatch.StartNew();
        using (var self = Process.GetCurrentProcess())
        {
            var sinceStart = DateTime.Now - self.StartTime;
            timeout -= (sinceStart > TimeSpan.Zero && sinceStart < timeout ? sinceStart : TimeSpan.Zero) + ShutdownReserve;
        }

        var system = ActorSystem.Create("hrc", TlsRemoting.ActorSystemSetup(Configuration(), tls));
        var paths = contacts.Select(Contacts.Receptionist).ToImmutableHashSet();
        var client = system.ActorOf(ClusterClient.Props(ClusterClientSettings.Create(system).WithInitialContacts(paths)), "client");
        return new AdminConnection(system, client, contacts, given, timeout, clock, tls is not null);
    }

    /// <summary>
    /// Sends the request to the endpoint and waits for its answer until the deadline. An answer too large for one
    /// remoting frame arrives in parts (<see cref="AdminResponsePart"/>): the others are fetched and put together here.
    /// </summary>
    /// <exception cref="ClusterUnreachableException">No answer in time.</exception>
    public async Task<AdminResponse> AskAsync(AdminRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            // Local affinity: the receptionist this client talks to hands every message to the endpoint on its own node,
            // which is the one that keeps the parts of a large answer.
            var first = await Client.Ask<object>(new ClusterClient.Send(EndpointPath, request, localAffinity: true), Remaining, cancellationToken);
            return first switch
            {
                AdminResponse response => response,
                AdminResponsePart part => await AssembleAsync(request.Token, part, cancellationToken),
                _ => throw new InvalidOperationException("unexpected answer " + first.GetType().Name),
            };
        }
        catch (AskTimeoutException ex)
        {
            throw new ClusterUnreachableException(UnreachableMessage(), ex);
        }
    }

    private async Task<AdminResponse> AssembleAsync(string token, AdminResponsePart first, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        buffer.Write(first.Data);
        for (var index = 1; index < first.Count; index++)
        {
            var reply = await Client.Ask<object>(new ClusterClient.Send(EndpointPath, new AdminFetchPart(token, first.Id, index), localAffinity: true), Remaining, cancellationToken);
            switch (reply)
            {
                case AdminResponsePart part when part.Id == first.Id && part.Index == index:
                    buffer.Write(part.Data);
                    break;
                case AdminResponse failed:
                    return failed;
                default:
                    throw new InvalidOperationException("unexpected answer " + reply.GetType().Name);
            }
        }

        var serializer = (Akka.Serialization.SerializerWithStringManifest)System.Serialization.FindSerializerForType(typeof(AdminResponse));
        return (AdminResponse)serializer.FromBinary(buffer.ToArray(), serializer.Manifest(new AdminResponse(AdminOutcome.Ok, null, null)));
    }

    /// <summary>The one-line message for an unreachable cluster.</summary>
    public string UnreachableMessage() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"no answer from the admin endpoint within {_timeout.TotalSeconds:0.#} s; contacts: {string.Join(", ", ContactList)} (is a config-registry node running there, with the admin endpoint? {(_tls ? "with TLS: does the node trust this certificate's CA, and is --tls-ca the node's CA?" : "if the cluster uses TLS, give --tls-cert and --tls-ca")})");

    /// <summary>Terminates the system, waiting at most half a second.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await System.Terminate().WaitAsync(ShutdownBound);
        }
        catch (TimeoutException)
        {
            // The process exits next; a lingering association does not matter.
        }
    }
}
