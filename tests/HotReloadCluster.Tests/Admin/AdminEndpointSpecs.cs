using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Tools.Client;
using Akka.Configuration;
using HotReloadCluster.Admin;
using HotReloadCluster.Cluster;
using HotReloadCluster.Reloading;
using HotReloadCluster.Serialization;
using HotReloadCluster.Tests.Support;
using Xunit.Abstractions;

namespace HotReloadCluster.Tests.Admin;

/// <summary>The admin endpoint reached from outside the cluster with a ClusterClient, as <c>hrc</c> does.</summary>
public sealed class AdminEndpointSpecs : Akka.TestKit.Xunit2.TestKit
{
    private const string OperatorToken = "operator-secret-1";
    private const string ViewerToken = "viewer-secret-2";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _temp = new();
    private readonly ClusterTestNode _node;
    private readonly ActorSystem _clientSystem;
    private readonly IActorRef _client;
    private readonly string _file;

    public AdminEndpointSpecs(ITestOutputHelper output)
        : base("akka.loglevel = WARNING", "test", output)
    {
        _file = _temp.Write("settings.yaml", "v: 1\n");
        var tokens = AdminTokens.Parse([$"alice:operator:{OperatorToken}", $"bob:viewer:{ViewerToken}"]);
        _node = ClusterTestNode.Start([.. HotReloadRoles.All], HotReloadCluster.Hosting.HotReloadPersistence.Sqlite(_temp.File(".data/admin.db")), _temp.Path, adminTokens: tokens);
        _clientSystem = ActorSystem.Create("hrc", ConfigurationFactory.ParseString("""
                akka.actor.provider = remote
                akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
                akka.loglevel = WARNING
                """).WithFallback(ConfigurationFactory.ParseString(SerializationHocon.Config)));
        var contact = ActorPath.Parse(_node.Address + "/system/receptionist");
        _client = _clientSystem.ActorOf(ClusterClient.Props(ClusterClientSettings.Create(_clientSystem).WithInitialContacts(ImmutableHashSet.Create(contact))));
    }

    [Fact]
    public async Task Status_WithViewerToken_ListsNodesAndTopics()
    {
        var response = await WaitForTopic();

        var status = Assert.IsType<StatusPayload>(response.Payload);
        var node = Assert.Single(status.Nodes);
        Assert.Equal<string>(["config-node", "config-registry", "config-source", "config-subscriber"], node.Roles); // config-node: counted by the split brain resolver
        var topic = Assert.Single(status.Topics);
        Assert.Equal(1, topic.Version);
        Assert.Equal(_file, topic.File);
        Assert.Equal(1, status.Statistics.SuccessfulReloads);
    }

    [Fact]
    public async Task Reload_InvalidContent_FailsWithTheErrors()
    {
        await WaitForTopic();
        await File.WriteAllTextAsync(_file, "v: [broken\n");

        var response = await Send(OperatorToken, new ReloadCommand("settings"));

        Assert.Equal(AdminOutcome.Failed, response.Outcome);
        var outcome = Assert.Single(Assert.IsType<OutcomesPayload>(response.Payload).Outcomes);
        Assert.Equal("rejected", outcome.Outcome);
        Assert.Contains("settings.yaml", outcome.Errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_ShowHistoryDiff_WorkTogether()
    {
        await WaitForTopic();
        await File.WriteAllTextAsync(_file, "v: 2\n");
        Assert.Equal(AdminOutcome.Ok, (await Send(OperatorToken, new ReloadCommand("settings"))).Outcome);

        var rollback = await Send(OperatorToken, new RollbackCommand("settings", RollbackMode.Previous, null));
        var refused = await Send(OperatorToken, new RollbackCommand("settings", RollbackMode.ToVersion, 99));
        var show = Assert.IsType<ShowPayload>((await Send(ViewerToken, new ShowCommand("settings", null))).Payload);
        var history = Assert.IsType<HistoryPayload>((await Send(ViewerToken, new HistoryCommand("settings"))).Payload);
        var diff = Assert.IsType<DiffPayload>((await Send(ViewerToken, new DiffCommand("settings", 1, 2))).Payload);

        Assert.Equal(3, Assert.Single(Assert.IsType<OutcomesPayload>(rollback.Payload).Outcomes).Version);
        Assert.Equal(AdminOutcome.Failed, refused.Outcome);
        Assert.Equal("v: 1\n", show.Content);
        Assert.Equal("rollback(to 1)", show.Origin);
        Assert.Equal([1L, 2L, 3L], history.Entries.Select(e => e.Version!.Value));
        Assert.Equal("alice", history.Entries[2].By); // the rollback; v2 may come from the watcher or the reload
        var line = Assert.Single(diff.Lines);
        Assert.Equal(("changed", "v", "1", "2"), (line.Kind, line.Path, line.Old, line.New));
    }

    [Fact]
    public async Task WrongTokenAndViewerRollback_AreRefusedAndAudited()
    {
        await WaitForTopic();

        var wrong = await Send("not-a-token", new StatusCommand());
        var viewer = await Send(ViewerToken, new RollbackCommand("settings", RollbackMode.Initial, null));
        var unknownTopic = await Send(OperatorToken, new ShowCommand("nope", null));

        Assert.Equal(AdminOutcome.Unauthorized, wrong.Outcome);
        Assert.Equal(AdminOutcome.Unauthorized, viewer.Outcome);
        Assert.Equal(AdminOutcome.Failed, unknownTopic.Outcome);
        Assert.Contains("unknown topic 'nope'", unknownTopic.Error, StringComparison.Ordinal);
        await AwaitAssertAsync(async () =>
        {
            var audit = Assert.IsType<AuditPayload>((await Send(ViewerToken, new AuditCommand(50))).Payload);
            Assert.Contains(audit.Entries, e => e is { Who: "unknown", Outcome: "unauthorized", Command: "status" });
            Assert.Contains(audit.Entries, e => e is { Who: "bob", Outcome: "forbidden", Command: "rollback" });
            Assert.DoesNotContain(audit.Entries, e => (e.Detail ?? string.Empty).Contains("secret", StringComparison.Ordinal));
        }, Timeout);
    }

    protected override void AfterAll()
    {
        _clientSystem.Terminate().Wait(Timeout);
        _node.Dispose();
        base.AfterAll();
        _temp.Dispose();
    }

    private async Task<AdminResponse> WaitForTopic()
    {
        AdminResponse? last = null;
        await AwaitAssertAsync(async () =>
        {
            last = await Send(ViewerToken, new StatusCommand());
            Assert.Equal(1, Assert.Single(Assert.IsType<StatusPayload>(last.Payload).Topics).Version);
        }, Timeout, TimeSpan.FromMilliseconds(200));
        return last!;
    }

    private Task<AdminResponse> Send(string token, AdminCommand command) =>
        _client.Ask<AdminResponse>(new ClusterClient.Send(AdminEndpointActor.Path, new AdminRequest(token, command)), Timeout);
}
