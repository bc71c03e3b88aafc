using Akka.Actor;
using Akka.Cluster.Tools.Client;
using HotReloadCluster.Admin;

namespace HotReloadCluster.Hrc.Transport;

/// <summary>
/// The sender of a tail request: sends it through the ClusterClient at start and again every
/// <see cref="ResendInterval"/> (the endpoint keeps a stream open only while it hears from the client), completes
/// <c>started</c> with the first answer and hands every <see cref="AdminTailEvent"/> to the printer.
/// </summary>
internal sealed class TailActor : ReceiveActor, IWithTimers
{
    /// <summary>How often the request is sent again; the endpoint drops a stream after 10 s of silence.</summary>
    public static readonly TimeSpan ResendInterval = TimeSpan.FromSeconds(5);

    private readonly IActorRef _client;
    private readonly AdminRequest _request;

    public TailActor(IActorRef client, AdminRequest request, Action<AdminTailEvent> print, TaskCompletionSource<AdminResponse> started, TaskCompletionSource<AdminResponse> stopped)
    {
        _client = client;
        _request = request;
        Receive<Resend>(_ => Send());
        Receive<AdminTailEvent>(print);
        Receive<AdminResponse>(response =>
        {
            if (!started.TrySetResult(response) && response.Outcome != AdminOutcome.Ok)
            {
                stopped.TrySetResult(response);
            }
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef client, AdminRequest request, Action<AdminTailEvent> print, TaskCompletionSource<AdminResponse> started, TaskCompletionSource<AdminResponse> stopped) =>
        Akka.Actor.Props.Create(() => new TailActor(client, request, print, started, stopped)).WithDeploy(Deploy.Local);

    protected override void PreStart()
    {
        Send();
        Timers.StartPeriodicTimer(nameof(Resend), Resend.Instance, ResendInterval);
    }

    private void Send() => _client.Tell(new ClusterClient.Send(AdminConnection.EndpointPath, _request), Self);

    private sealed record Resend
    {
        public static Resend Instance { get; } = new();

        private Resend()
        {
        }
    }
}
