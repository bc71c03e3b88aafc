using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using HotReloadCluster.Cluster;

namespace HotReloadCluster.Admin;

/// <summary>
/// Which topics exist: every topic that has a journal (persistence id <c>reload-{topic}</c>, read with
/// Akka.Persistence.Query from the SQL journal; this includes topics whose file was deleted, whose actors are
/// passivated), plus every ReloadActor running on a source node (the only source with an in-memory journal). Asking
/// creates nothing: a topic is never started by being listed.
/// </summary>
internal static class TopicCatalog
{
    private const string QueryPluginId = "akka.persistence.query.journal.sql";
    private const string Prefix = "reload-";

    /// <summary>The known topics, ordered.</summary>
    public static async Task<ImmutableSortedSet<string>> KnownTopicsAsync(ActorSystem system, TimeSpan timeout)
    {
        var journaled = JournaledTopicsAsync(system, timeout);
        var running = RunningTopicsAsync(system, timeout);
        return (await journaled.ConfigureAwait(false)).Union(await running.ConfigureAwait(false));
    }

    private static async Task<ImmutableSortedSet<string>> JournaledTopicsAsync(ActorSystem system, TimeSpan timeout)
    {
        if (!system.Settings.Config.HasPath(QueryPluginId + ".class"))
        {
            return ImmutableSortedSet.Create<string>(StringComparer.Ordinal);
        }

        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(QueryPluginId);
        var ids = await journal.CurrentPersistenceIds()
            .Where(id => id.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(id => id[Prefix.Length..])
            .RunWith(Sink.Seq<string>(), system.Materializer())
            .WaitAsync(timeout)
            .ConfigureAwait(false);
        return ids.ToImmutableSortedSet(StringComparer.Ordinal);
    }

    /// <summary>The topics that have a ReloadActor now, asked of every source node's region (asking by name would start one).</summary>
    private static async Task<ImmutableSortedSet<string>> RunningTopicsAsync(ActorSystem system, TimeSpan timeout)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var regions = cluster.State.Members
            .Where(m => m.Status == MemberStatus.Up && m.HasRole(HotReloadRoles.Source))
            .Select(m => system.ActorSelection($"{m.Address}/system/sharding/{HotReloadClusterNode.ReloadTypeName}"));
        var states = await Task.WhenAll(regions.Select(async region =>
        {
            try
            {
                return await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, timeout).ConfigureAwait(false);
            }
            catch (AskTimeoutException)
            {
                return null;
            }
        })).ConfigureAwait(false);
        return states.OfType<CurrentShardRegionState>().SelectMany(s => s.Shards).SelectMany(s => s.EntityIds).ToImmutableSortedSet(StringComparer.Ordinal);
    }
}
