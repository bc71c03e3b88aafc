using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using HotReloadCluster.Tests.Support;

namespace HotReloadCluster.Admin.Tests.Support;

/// <summary>
/// One real node for a whole test class: every role, two admin tokens (alice the operator, bob the viewer), a
/// 30 s fixed debounce so file edits are only seen by manual reloads, and one topic file per test concern.
/// Every hrc run through it is checked never to print a token.
/// </summary>
public sealed class AdminNodeFixture : IDisposable
{
    public const string OperatorToken = "op-secret-1";
    public const string ViewerToken = "view-secret-2";

    public static readonly ImmutableArray<string> Topics = ["settings", "diffed", "broken", "rollbacks", "tailed"];

    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(45);

    private readonly TempDirectory _folder = new();

    public AdminNodeFixture()
    {
        foreach (var topic in Topics)
        {
            _folder.Write(Path.Combine("config", topic + ".yaml"), ContentVersion(topic, 1));
        }

        Port = FreePort();
        Node = NodeProcess.Start(
            _folder.Path,
            new Dictionary<string, string>
            {
                ["HOTRELOAD_ADMINTOKENS__0"] = "alice:operator:" + OperatorToken,
                ["HOTRELOAD_ADMINTOKENS__1"] = "bob:viewer:" + ViewerToken,
            },
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--watch", "config", "--data", "state", "--debounce", "fixed:30000");
        var pending = Topics.ToHashSet();
        while (pending.Count > 0)
        {
            var line = Node.WaitForLine(l => l.Contains("ReloadSuccess", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
            pending.RemoveWhere(topic => line.Contains(" " + topic + " v", StringComparison.Ordinal));
        }
    }

    internal NodeProcess Node { get; }

    public int Port { get; }

    public string Contact => "127.0.0.1:" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string FullContact => "akka.tcp://hotreload@" + Contact;

    public static string ContentVersion(string topic, int n) =>
        $"service:\n  name: {topic}\n  revision: {n}\n  flag: value-{n}\n";

    public string TopicFile(string topic) => _folder.File(Path.Combine("config", topic + ".yaml"));

    /// <summary>hrc with alice's (operator) token from HOTRELOAD_ADMIN_TOKEN and this node as contact.</summary>
    public Task<HrcResult> Hrc(params string[] args) => Run(OperatorToken, args);

    /// <summary>
    /// hrc with <paramref name="token"/> in HOTRELOAD_ADMIN_TOKEN (none when null) and this node as contact; a 30 s
    /// timeout, since several hrc processes start at once on a busy 2-core machine.
    /// </summary>
    public Task<HrcResult> Run(string? token, params string[] args) =>
        RunRaw(new Dictionary<string, string?> { ["HOTRELOAD_ADMIN_TOKEN"] = token }, [.. args, "--contact", Contact, "--timeout", "30"]);

    /// <summary>hrc exactly as given, checked never to print a token.</summary>
    public static async Task<HrcResult> RunRaw(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var result = await HrcProcess.RunAsync(environment, args, RunLimit);
        AssertNoToken(result.All);
        return result;
    }

    public static void AssertNoToken(string output)
    {
        Assert.DoesNotContain(OperatorToken, output, StringComparison.Ordinal);
        Assert.DoesNotContain(ViewerToken, output, StringComparison.Ordinal);
    }

    public static int FreePort() => HotReloadCluster.IntegrationTests.FreePorts.Next();

    public void Dispose()
    {
        Node.Dispose();
        _folder.Dispose();
    }
}
