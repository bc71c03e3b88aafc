using System.Collections.Concurrent;
using Akka.Actor;
using HotReloadCluster.Core.Events;

namespace HotReloadCluster.Benchmarks;

/// <summary>Collects the ReloadEvents of an ActorSystem for a measurement.</summary>
public sealed class EventCollector
{
    private readonly BlockingCollection<ReloadEvent> _events = [];

    public EventCollector(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var actor = system.ActorOf(Props.Create(() => new Collector(_events)));
        system.EventStream.Subscribe(actor, typeof(ReloadEvent));
    }

    /// <summary>The next event of <paramref name="type"/> for <paramref name="topic"/> (any topic when null), failing fast on a failure event.</summary>
    public ReloadEvent Next(ReloadEventType type, string? topic, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var e = _events.Take(cts.Token);
            if (e.Type is ReloadEventType.ReloadFailed or ReloadEventType.ValidationFailed && (topic is null || e.Topic == topic))
            {
                throw new InvalidOperationException($"{e.Type} for {e.Topic}: {e.Error}");
            }

            if (e.Type == type && (topic is null || e.Topic == topic))
            {
                return e;
            }
        }
    }

    private sealed class Collector : ReceiveActor
    {
        public Collector(BlockingCollection<ReloadEvent> events) => Receive<ReloadEvent>(events.Add);
    }
}
