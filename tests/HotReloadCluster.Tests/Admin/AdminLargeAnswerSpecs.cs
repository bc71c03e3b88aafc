using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Akka.Actor;
using Akka.Cluster.Tools.Client;
using Akka.Configuration;
using Akka.Serialization;
using HotReloadCluster.Admin;
using HotReloadCluster.Cluster;
using HotReloadCluster.Serialization;
using HotReloadCluster.Tests.Support;
using Xunit.Abstractions;

namespace HotReloadCluster.Tests.Admin;

/// <summary>
/// Answers larger than a remoting frame come in parts from the node that answered, also with two registry nodes (each
/// running an admin endpoint), as hrc reaches them: through a ClusterClient with local affinity.
/// </summary>
public sealed class AdminLargeAnswerSpecs : Akka.TestKit.Xunit2.TestKit
{
    private const string Token = "operator-secret-1";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _temp = new();
    private readonly PostgresDatabase _database = PostgresDatabase.Create();
    private readonly List<ClusterTestNode> _nodes = [];

    public AdminLargeAnswerSpecs(ITestOutputHelper output)
        : base("akka.loglevel = WARNING", "test", output)
    {
    }

    [Fact]
    public async Task Show_OfALargeTopic_WithTwoRegistryNodes_AlwaysAssemblesFromTheAnsweringNode()
    {
        var content = new StringBuilder();
        for (var i = 0; content.Length < 300_000; i++)
        {
            content.Append(CultureInfo.InvariantCulture, $"key{i}: value {i}\n");
        }

        _temp.Write("settings.yaml", content.ToString());
        var tokens = AdminTokens.Parse([$"alice:operator:{Token}"]);
        var a = Start([.. HotReloadRoles.All], watch: true, tokens, join: null);
        var b = Start([HotReloadRoles.Registry], watch: false, tokens, join: a);
        await AwaitConditionAsync(() => Task.FromResult(_nodes.All(n => n.UpMembers() == 2)), Timeout);
        using var client = ActorSystem.Create("hrc", ConfigurationFactory.ParseString("""
                akka.actor.provider = remote
                akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
                akka.loglevel = WARNING
                """).WithFallback(ConfigurationFactory.ParseString(SerializationHocon.Config)));
        var contacts = ImmutableHashSet.Create(ActorPath.Parse(a.Address + "/system/receptionist"), ActorPath.Parse(b.Address + "/system/receptionist"));
        var cc = client.ActorOf(ClusterClient.Props(ClusterClientSettings.Create(client).WithInitialContacts(contacts)));

        for (var attempt = 0; attempt < 6; attempt++)
        {
            var show = await AskAsync(client, cc, new ShowCommand("settings", null));
            Assert.True(show.Outcome == AdminOutcome.Ok, show.Error);
            Assert.Equal(content.ToString(), Assert.IsType<ShowPayload>(show.Payload).Content);
        }
    }

    protected override void AfterAll()
    {
        Task.WhenAll(_nodes.Select(n => Task.Run(n.Dispose))).Wait(Timeout);
        base.AfterAll();
        _database.Dispose();
        _temp.Dispose();
    }

    /// <summary>What hrc does: ask with local affinity, then fetch the other parts from the same receptionist's node.</summary>
    private static async Task<AdminResponse> AskAsync(ActorSystem system, IActorRef client, AdminCommand command)
    {
        AdminResponse? response = null;
        await AwaitAssertAsync(system, async () =>
        {
            var first = await client.Ask<object>(new ClusterClient.Send(AdminEndpointActor.Path, new AdminRequest(Token, command), localAffinity: true), Timeout);
            if (first is AdminResponse whole)
            {
                response = whole;
                Assert.True(whole.Outcome == AdminOutcome.Ok, whole.Error); // the topic may not be known yet: ask again
                return;
            }

            var part = Assert.IsType<AdminResponsePart>(first);
            using var buffer = new MemoryStream();
            buffer.Write(part.Data);
            for (var index = 1; index < part.Count; index++)
            {
                var next = await client.Ask<object>(new ClusterClient.Send(AdminEndpointActor.Path, new AdminFetchPart(Token, part.Id, index), localAffinity: true), Timeout);
                buffer.Write(Assert.IsType<AdminResponsePart>(next).Data);
            }

            var serializer = (SerializerWithStringManifest)system.Serialization.FindSerializerForType(typeof(AdminResponse));
            response = (AdminResponse)serializer.FromBinary(buffer.ToArray(), serializer.Manifest(new AdminResponse(AdminOutcome.Ok, null, null)));
        });
        return response!;
    }

    private static Task AwaitAssertAsync(ActorSystem system, Func<Task> assertion)
    {
        _ = system;
        return RetryAsync(assertion);
    }

    private static async Task RetryAsync(Func<Task> assertion)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private ClusterTestNode Start(string[] roles, bool watch, AdminTokens tokens, ClusterTestNode? join)
    {
        var node = ClusterTestNode.Start(roles, _database.Persistence, watch ? _temp.Path : null, join?.Address, adminTokens: tokens);
        _nodes.Add(node);
        return node;
    }
}
