using Akka.Actor;
using HotReloadCluster.Core.Events;

namespace HotReloadCluster.Facade;

/// <summary>Subscribes to the event stream and hands every <see cref="ReloadEvent"/>, in order, to a callback.</summary>
internal sealed class EventForwarderActor : ReceiveActor
{
    public EventForwarderActor(Func<ReloadEvent, Task> callback)
    {
        ReceiveAsync<ReloadEvent>(callback);
        Receive<Flush>(flush => flush.Done.TrySetResult());
    }

    public static Props Props(Func<ReloadEvent, Task> callback) =>
        Akka.Actor.Props.Create(() => new EventForwarderActor(callback)).WithDeploy(Deploy.Local);

    /// <summary>Completes once every event published before it has been handled.</summary>
    public sealed record Flush(TaskCompletionSource Done);

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
