using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Npgsql;

namespace HotReloadCluster.Cluster;

/// <summary>
/// On config nodes of a cluster with a lease database: keeps a <em>cluster-alive</em> lease (<c>{system}-cluster</c>)
/// renewed by the oldest config node of the running cluster, and lets a config node form a new cluster only when it
/// holds that lease. With a lease database no node forms a cluster through Akka's first-seed rule (nodes never list
/// themselves first, see <see cref="ClusterHocon.JoinOrder"/>): a config node that has not joined anything after
/// <see cref="FormationDelay"/> forms the cluster itself — if, and only if, no live cluster holds the lease — so a fresh
/// start forms exactly one cluster, a cluster behind a partition is never duplicated, and the cluster can be formed
/// again when the node that formed it is gone for good.
/// </summary>
internal sealed class ClusterFormationActor : ReceiveActor, IWithTimers
{
    /// <summary>How long a config node tries to join the seeds before it may form a cluster.</summary>
    public static readonly TimeSpan FormationDelay = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly LeaseStore _store;
    private readonly string _name;
    private readonly string _owner;
    private readonly DateTime _started = DateTime.UtcNow;
    private bool _held;
    private bool _forming;
    private bool _wasUp;
    private string? _warned;

    /// <summary>Creates the actor; use <see cref="Props"/>.</summary>
    public ClusterFormationActor(string connectionString)
    {
        _store = new LeaseStore(connectionString, TimeSpan.FromSeconds(5));
        _name = Context.System.Name + "-cluster";
        _owner = _cluster.SelfUniqueAddress.ToString();
        ReceiveAsync<Check>(_ => CheckAsync());
        Receive<ClusterEvent.MemberUp>(up =>
        {
            if (up.Member.UniqueAddress.Equals(_cluster.SelfUniqueAddress))
            {
                _wasUp = true;
                Self.Tell(Check.Instance);
            }
        });
        Receive<ClusterEvent.IMemberEvent>(_ => { });
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for the actor, given the lease database.</summary>
    public static Props Props(string connectionString) =>
        Akka.Actor.Props.Create(() => new ClusterFormationActor(connectionString)).WithDeploy(Deploy.Local);

    /// <inheritdoc />
    protected override void PreStart()
    {
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent));
        Timers.StartPeriodicTimer(Check.Instance, Check.Instance, Tick);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _cluster.Unsubscribe(Self);
        if (_held)
        {
            // Best effort: the lease also expires by itself.
            _ = _store.ReleaseAsync(_name, _owner);
        }
    }

    private async Task CheckAsync()
    {
        try
        {
            var self = _cluster.SelfMember;
            if (self.Status == MemberStatus.Up)
            {
                await KeepAsync(self).ConfigureAwait(false);
            }
            else if (_wasUp || _forming || DateTime.UtcNow - _started < FormationDelay)
            {
                // Not joined yet (Akka shows a node outside any cluster as Removed), or removed after it was up (the node
                // starts a new incarnation), or already forming.
                return;
            }
            else if (_cluster.State.Members.Count == 0 && await _store.TryAcquireAsync(_name, _owner, Ttl).ConfigureAwait(false))
            {
                _held = true;
                _forming = true;
                _log.Warning("No seed node answered for {0} s and no running cluster holds the cluster lease: forming a new cluster from this node", FormationDelay.TotalSeconds);
                _cluster.Join(_cluster.SelfAddress);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            _log.Warning("Cluster lease: the database did not answer ({0})", ex.Message);
        }
    }

    /// <summary>The oldest Up config node renews the lease; the others let it go.</summary>
    private async Task KeepAsync(Member self)
    {
        var oldest = _cluster.State.Members
            .Where(m => m.Status == MemberStatus.Up && m.HasRole(HotReloadRoles.ConfigNode) && !_cluster.State.Unreachable.Contains(m))
            .OrderBy(m => m, Member.AgeOrdering)
            .FirstOrDefault();
        if (oldest is not null && oldest.UniqueAddress.Equals(self.UniqueAddress))
        {
            _held = await _store.TryAcquireAsync(_name, _owner, Ttl).ConfigureAwait(false);
            if (!_held && _warned is null)
            {
                // Held by a node that is not in this cluster, or that died less than a lease ago.
                _warned = "held elsewhere";
                _log.Warning("The cluster lease {0} is held by a node outside this cluster's view (it expires {1} s after its holder stops renewing it); if it lasts, another cluster may be running on the same database", _name, Ttl.TotalSeconds);
            }
            else if (_held)
            {
                _warned = null;
            }
        }
        else if (_held)
        {
            _held = false;
            await _store.ReleaseAsync(_name, _owner).ConfigureAwait(false);
        }
    }

    private sealed record Check
    {
        public static readonly Check Instance = new();

        private Check()
        {
        }
    }
}
