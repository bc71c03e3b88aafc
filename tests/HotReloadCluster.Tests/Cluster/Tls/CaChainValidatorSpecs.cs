using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using HotReloadCluster.Cluster.Tls;
using HotReloadCluster.Tests.Support;

namespace HotReloadCluster.Tests.Cluster.Tls;

/// <summary>Who the CA-chain validator lets in: the cluster CA's certificates in their validity period, with a usable key.</summary>
public sealed class CaChainValidatorSpecs
{
    private static readonly TestCertificates Certs = TestCertificates.Shared;
    private readonly X509Certificate2[] _clusterCa = [X509CertificateLoader.LoadCertificateFromFile(Certs.ClusterCa)];

    [Theory]
    [InlineData("node1", null)]
    [InlineData("hrc", null)]
    [InlineData("intruder", "not issued by the cluster's CA")]
    [InlineData("expired", "it is expired")]
    public void Check_AgainstTheClusterCa(string name, string? expected)
    {
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(name == "expired" ? Certs.ExpiredPem : Certs.Pem(name));

        var reason = CaChainValidator.Check(certificate, _clusterCa, null, DateTimeOffset.UtcNow);

        if (expected is null)
        {
            Assert.Null(reason);
        }
        else
        {
            Assert.Contains(expected, reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Check_WhenTheCaItselfHasExpired_Refuses()
    {
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(Certs.Pem("node1"));

        var reason = CaChainValidator.Check(certificate, _clusterCa, null, DateTimeOffset.UtcNow.AddYears(20));

        Assert.Contains("expired", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckUsage_ClientOnlyExtendedKeyUsage_IsNotUsableForRemoting()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=client-only", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        Assert.Contains("serverAuth, clientAuth", CaChainValidator.CheckUsage(certificate), StringComparison.Ordinal);
    }

    [Fact]
    public void CheckUsage_KeyUsageWithoutDigitalSignature_IsNotUsable()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=no-signature", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        Assert.Contains("does not allow digital signatures", CaChainValidator.CheckUsage(certificate), StringComparison.Ordinal);
    }

    [Fact]
    public void CheckUsage_WeakRsaKey_IsNotUsable()
    {
        using var key = RSA.Create(1024);
        var request = new CertificateRequest("CN=weak", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        Assert.Contains("at least 2048", CaChainValidator.CheckUsage(certificate), StringComparison.Ordinal);
    }

    [Fact]
    public void Callback_NoCertificate_IsRefused()
    {
        var callback = CaChainValidator.Callback(TlsCertificateLoader.Load(new TlsOptions { CertificatePath = Certs.Pem("node1"), KeyPath = Certs.Key("node1"), CaPath = Certs.ClusterCa }));

        Assert.False(callback(null, null, "peer", SslPolicyErrors.RemoteCertificateNotAvailable, NoLogger.Instance));
    }

    [Theory]
    [InlineData(false, SslPolicyErrors.RemoteCertificateChainErrors, true)]
    [InlineData(false, SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch, true)]
    [InlineData(true, SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch, false)]
    public void Callback_ClusterPeer_IgnoresTheSystemStoreAndChecksNamesOnlyWhenAsked(bool validateHostname, SslPolicyErrors errors, bool accepted)
    {
        var own = TlsCertificateLoader.Load(new TlsOptions { CertificatePath = Certs.Pem("node1"), KeyPath = Certs.Key("node1"), CaPath = Certs.ClusterCa, ValidateHostname = validateHostname });
        using var peer = X509CertificateLoader.LoadCertificateFromFile(Certs.Pem("node2"));

        // The TLS layer reports chain errors for every cluster certificate (the OS store lacks our CA); only our chain counts.
        Assert.Equal(accepted, CaChainValidator.Callback(own)(peer, null, "akka.ssl.tcp://hotreload@127.0.0.1:1", errors, NoLogger.Instance));
    }

    [Fact]
    public void Callback_PeerOfAnotherCa_IsRefusedEvenWithoutTlsErrors()
    {
        var own = TlsCertificateLoader.Load(new TlsOptions { CertificatePath = Certs.Pem("node1"), KeyPath = Certs.Key("node1"), CaPath = Certs.ClusterCa });
        using var intruder = X509CertificateLoader.LoadCertificateFromFile(Certs.Pem("intruder"));

        Assert.False(CaChainValidator.Callback(own)(intruder, null, "peer", SslPolicyErrors.None, NoLogger.Instance));
    }
}
