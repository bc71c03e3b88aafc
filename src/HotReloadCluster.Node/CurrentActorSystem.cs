using System.Diagnostics;
using Akka.Actor;

namespace HotReloadCluster.Node;

/// <summary>
/// The ActorSystem of the node's current incarnation, for what outlives incarnations (the HTTP endpoint and its
/// health checks): set when an incarnation starts its actors, cleared when that ActorSystem terminates.
/// </summary>
internal sealed class CurrentActorSystem
{
    private ActorSystem? _system;
    private long _goneSince = Stopwatch.GetTimestamp();

    /// <summary>The running ActorSystem, or null between two incarnations (and before the first).</summary>
    public ActorSystem? System => Volatile.Read(ref _system) is { WhenTerminated.IsCompleted: false } system ? system : null;

    /// <summary>How long there has been no running ActorSystem (zero while there is one).</summary>
    public TimeSpan Without => System is null ? Stopwatch.GetElapsedTime(Interlocked.Read(ref _goneSince)) : TimeSpan.Zero;

    /// <summary>Makes <paramref name="system"/> the current one until it terminates.</summary>
    public void Set(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        Volatile.Write(ref _system, system);
        system.WhenTerminated.ContinueWith(
            _ =>
            {
                if (Interlocked.CompareExchange(ref _system, null, system) == system)
                {
                    Interlocked.Exchange(ref _goneSince, Stopwatch.GetTimestamp());
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
