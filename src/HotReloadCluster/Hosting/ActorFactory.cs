using Akka.Actor;

namespace HotReloadCluster.Hosting;

/// <summary>
/// Props from a plain factory delegate. <c>Props.Create(() =&gt; new T(…))</c> evaluates its argument expressions
/// by compiling them and <c>Props.Create&lt;T&gt;(args)</c> activates by reflection; both cost dynamic methods that
/// the finalizer thread later has to free. That showed as a quarter of the CPU of a node taking 2,000 new files
/// (see docs/performance.md); the actors created per topic use this instead. Local actors only (the delegate
/// cannot be sent to another node).
/// </summary>
internal sealed class ActorFactory<TActor> : IIndirectActorProducer
    where TActor : ActorBase
{
    private readonly Func<TActor> _factory;

    private ActorFactory(Func<TActor> factory) => _factory = factory;

    /// <inheritdoc />
    public Type ActorType => typeof(TActor);

    /// <summary>Props that create each incarnation with <paramref name="factory"/>.</summary>
    public static Props Props(Func<TActor> factory) => Akka.Actor.Props.CreateBy(new ActorFactory<TActor>(factory));

    /// <inheritdoc />
    public ActorBase Produce() => _factory();

    /// <inheritdoc />
    public void Release(ActorBase actor)
    {
    }
}
