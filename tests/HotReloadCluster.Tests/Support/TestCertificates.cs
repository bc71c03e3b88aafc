using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HotReloadCluster.Tests.Support;

/// <summary>
/// Certificates for the TLS specs, made once per test run in a temp folder: scripts/make-certs.sh (openssl) makes the
/// cluster CA with node1, node2 and hrc, and another CA with intruder; openssl makes a PFX without a key and an
/// encrypted PEM key; .NET makes a certificate signed by the cluster CA that has already expired (openssl 3.0 cannot
/// back-date one).
/// </summary>
internal sealed class TestCertificates
{
    /// <summary>The password of every PFX and of the encrypted key.</summary>
    public const string Password = "pfx-test-password-1";

    private static readonly Lazy<TestCertificates> Made = new(() => new TestCertificates(), LazyThreadSafetyMode.ExecutionAndPublication);

    private TestCertificates()
    {
        Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hrc-tests", "certs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
                // The OS cleans the temp folder.
            }
        };

        MakeCerts("cluster", "node1", "node2", "hrc");
        MakeCerts("other", "intruder");
        Run("openssl", "pkcs12", "-export", "-nokeys", "-in", Pem("node1"), "-out", Path("nokey.pfx"), "-passout", "pass:" + Password);
        Run("openssl", "pkcs8", "-topk8", "-in", Key("node1"), "-out", Path("node1.encrypted.key"), "-v2", "aes-256-cbc", "-passout", "pass:" + Password);
        File.WriteAllText(Path("node1.combined.pem"), File.ReadAllText(Pem("node1")) + File.ReadAllText(Key("node1")));
        File.WriteAllText(Path("both-cas.pem"), File.ReadAllText(OtherCa) + File.ReadAllText(ClusterCa));
        File.WriteAllText(Path("ca-with-key.pem"), File.ReadAllText(ClusterCa) + File.ReadAllText(Path("cluster/ca.key")));
        MakeExpired();
    }

    /// <summary>The certificates of this test run.</summary>
    public static TestCertificates Shared => Made.Value;

    /// <summary>The folder all files are in.</summary>
    public string Folder { get; }

    /// <summary>The cluster CA certificate (PEM).</summary>
    public string ClusterCa => Path("cluster/ca.pem");

    /// <summary>The other CA's certificate (PEM).</summary>
    public string OtherCa => Path("other/ca.pem");

    /// <summary>Both CA certificates in one PEM file (an intruder that trusts the cluster, so the cluster must refuse it).</summary>
    public string BothCas => Path("both-cas.pem");

    /// <summary>The cluster CA certificate followed by its private key.</summary>
    public string CaWithKey => Path("ca-with-key.pem");

    /// <summary>A PFX holding node1's certificate without its key.</summary>
    public string NoKeyPfx => Path("nokey.pfx");

    /// <summary>node1's key, encrypted (PKCS#8, AES-256) with <see cref="Password"/>.</summary>
    public string EncryptedKey => Path("node1.encrypted.key");

    /// <summary>node1's certificate and key in one PEM file.</summary>
    public string CombinedPem => Path("node1.combined.pem");

    /// <summary>A certificate signed by the cluster CA that expired (PEM).</summary>
    public string ExpiredPem => Path("expired.pem");

    /// <summary>The key of <see cref="ExpiredPem"/>.</summary>
    public string ExpiredKey => Path("expired.key");

    /// <summary>The PEM certificate of <paramref name="name"/> (node1, node2, hrc: cluster CA; intruder: other CA).</summary>
    public string Pem(string name) => Path(Ca(name) + "/" + name + ".pem");

    /// <summary>The PEM key of <paramref name="name"/>.</summary>
    public string Key(string name) => Path(Ca(name) + "/" + name + ".key");

    /// <summary>The PFX of <paramref name="name"/>, encrypted with <see cref="Password"/>.</summary>
    public string Pfx(string name) => Path(Ca(name) + "/" + name + ".pfx");

    /// <summary>
    /// Material for an in-process node from certificates in memory, without the loader's checks (so an expired one
    /// can be used, as by a node whose certificate expired while it ran).
    /// </summary>
    public static HotReloadCluster.Cluster.Tls.TlsCertificates Material(string certificatePem, string keyPem, params string[] caFiles)
    {
        var certificate = X509Certificate2.CreateFromPemFile(certificatePem, keyPem);
        var authorities = new X509Certificate2Collection();
        foreach (var ca in caFiles)
        {
            authorities.ImportFromPemFile(ca);
        }

        return new HotReloadCluster.Cluster.Tls.TlsCertificates(certificate, authorities);
    }

    public string Path(string relative) => System.IO.Path.Combine(Folder, relative);

    private static string Ca(string name) => name == "intruder" ? "other" : "cluster";

    /// <summary>Runs scripts/make-certs.sh into <paramref name="folder"/> with <see cref="Password"/> for the PFX files.</summary>
    public static void MakeCertsScript(string folder, params string[] names)
    {
        var script = System.IO.Path.Combine(NodeProcess.RepositoryRoot(), "scripts", "make-certs.sh");
        Run("bash", [script, folder, .. names], new Dictionary<string, string> { ["HOTRELOAD_TLS__PASSWORD"] = Password });
    }

    private void MakeCerts(string folder, params string[] names) => MakeCertsScript(Path(folder), names);

    private void MakeExpired()
    {
        using var ca = X509Certificate2.CreateFromPemFile(ClusterCa, Path("cluster/ca.key"));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=expired", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));

        // The CA was made seconds ago and a certificate may not start before its issuer: valid for its first second.
        var notBefore = new DateTimeOffset(ca.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        using var expired = request.Create(ca, notBefore, notBefore.AddSeconds(1), RandomNumberGenerator.GetBytes(16));
        File.WriteAllText(ExpiredPem, expired.ExportCertificatePem());
        File.WriteAllText(ExpiredKey, key.ExportPkcs8PrivateKeyPem());
        var wait = notBefore.AddSeconds(2) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            Thread.Sleep(wait);
        }
    }

    private static void Run(string file, params string[] args) => Run(file, args, new Dictionary<string, string>());

    private static void Run(string file, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {stderr.Result}");
        }
    }
}
