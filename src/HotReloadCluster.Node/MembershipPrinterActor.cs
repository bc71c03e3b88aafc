using System.Globalization;
using Akka.Actor;
using Akka.Cluster;

namespace HotReloadCluster.Node;

/// <summary>
/// Prints this node's view of cluster membership on stderr, one line per change
/// (<c>12:00:01.250 cluster: up akka.tcp://hotreload@10.0.0.5:4053 [config-source,config-registry]</c>, UTC): what an operator
/// needs to see when a node joins, leaves or is downed, without turning on Akka's info log.
/// </summary>
internal sealed class MembershipPrinterActor : ReceiveActor
{
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);

    public MembershipPrinterActor(TextWriter output)
    {
        void Print(string change, Member member)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss.fff} cluster: {change} {member.Address} [{string.Join(",", member.Roles.Order(StringComparer.Ordinal))}]"));
            output.Flush();
        }

        Receive<ClusterEvent.MemberUp>(e => Print("up", e.Member));
        Receive<ClusterEvent.MemberWeaklyUp>(e => Print("weakly-up", e.Member));
        Receive<ClusterEvent.MemberLeft>(e => Print("leaving", e.Member));
        Receive<ClusterEvent.MemberExited>(e => Print("exited", e.Member));
        Receive<ClusterEvent.MemberDowned>(e => Print("downed", e.Member));
        Receive<ClusterEvent.MemberRemoved>(e => Print("removed", e.Member));
        Receive<ClusterEvent.UnreachableMember>(e => Print("unreachable", e.Member));
        Receive<ClusterEvent.ReachableMember>(e => Print("reachable", e.Member));
        Receive<ClusterEvent.IClusterDomainEvent>(_ => { });
    }

    public static Props Props(TextWriter output) => Akka.Actor.Props.Create(() => new MembershipPrinterActor(output)).WithDeploy(Deploy.Local);

    protected override void PreStart() =>
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));

    protected override void PostStop() => _cluster.Unsubscribe(Self);
}
