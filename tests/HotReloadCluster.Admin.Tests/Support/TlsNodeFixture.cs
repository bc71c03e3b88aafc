using System.Globalization;
using HotReloadCluster.Tests.Support;

namespace HotReloadCluster.Admin.Tests.Support;

/// <summary>
/// One real node with mutual TLS for a test class: node1's PFX (password from HOTRELOAD_TLS__PASSWORD, path from
/// HOTRELOAD_TLS__CERT) and the cluster CA from <c>--tls-ca</c>, every role, an operator token, one topic.
/// </summary>
public sealed class TlsNodeFixture : IDisposable
{
    public const string Token = "tls-operator-token-1";

    private readonly TempDirectory _folder = new();

    public TlsNodeFixture()
    {
        _folder.Write(Path.Combine("config", "settings.yaml"), "service:\n  name: tls\n");
        Port = AdminNodeFixture.FreePort();
        Node = NodeProcess.Start(
            _folder.Path,
            new Dictionary<string, string>
            {
                ["HOTRELOAD_ADMINTOKENS__0"] = "alice:operator:" + Token,
                ["HOTRELOAD_TLS__CERT"] = Certificates.Pfx("node1"),
                ["HOTRELOAD_TLS__PASSWORD"] = TestCertificates.Password,
            },
            "--port", Port.ToString(CultureInfo.InvariantCulture), "--watch", "config", "--data", "state", "--tls-ca", Certificates.ClusterCa);
        Node.WaitForLine(l => l.Contains("ReloadSuccess", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
    }

    internal static TestCertificates Certificates => TestCertificates.Shared;

    internal NodeProcess Node { get; }

    public int Port { get; }

    public string Contact => "127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>hrc with the token and this node as contact, plus <paramref name="environment"/> and <paramref name="args"/>.</summary>
    public async Task<HrcResult> Hrc(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var all = new Dictionary<string, string?>(environment) { ["HOTRELOAD_ADMIN_TOKEN"] = Token };
        var result = await HrcProcess.RunAsync(all, [.. args, "--contact", Contact], TimeSpan.FromSeconds(45));
        Assert.DoesNotContain(Token, result.All, StringComparison.Ordinal);
        Assert.DoesNotContain(TestCertificates.Password, result.All, StringComparison.Ordinal);
        return result;
    }

    public void Dispose()
    {
        Node.Dispose();
        _folder.Dispose();
    }
}
