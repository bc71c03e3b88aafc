using HotReloadCluster.Cluster.Tls;
using HotReloadCluster.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace HotReloadCluster.Tests.Cluster.Tls;

/// <summary>The loader: PFX with its password, PEM pairs, the CA file, and every half or wrong configuration.</summary>
public sealed class TlsCertificateLoaderSpecs
{
    private static readonly TestCertificates Certs = TestCertificates.Shared;

    [Fact]
    public void Load_PfxWithPassword_GivesTheCertificateWithItsKeyAndTheCa()
    {
        var options = new TlsOptions { CertificatePath = Certs.Pfx("node1"), CaPath = Certs.ClusterCa, Password = TestCertificates.Password };

        var tls = TlsCertificateLoader.Load(options);

        Assert.Equal("CN=node1", tls.Certificate.Subject);
        Assert.True(tls.Certificate.HasPrivateKey);
        Assert.Equal("CN=HotReloadCluster CA", Assert.Single(tls.Authorities).Subject);
        Assert.False(tls.ValidateHostname);
        Assert.DoesNotContain(TestCertificates.Password, tls.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PemCertificateAndKey_GivesTheCertificateWithItsKey()
    {
        var tls = TlsCertificateLoader.Load(new TlsOptions { CertificatePath = Certs.Pem("hrc"), KeyPath = Certs.Key("hrc"), CaPath = Certs.ClusterCa, ValidateHostname = true });

        Assert.Equal("CN=hrc", tls.Certificate.Subject);
        Assert.True(tls.Certificate.HasPrivateKey);
        Assert.True(tls.ValidateHostname);
    }

    [Fact]
    public void Load_PemWithTheKeyInTheSameFile_NeedsNoKeyPath()
    {
        var tls = TlsCertificateLoader.Load(new TlsOptions { CertificatePath = Certs.CombinedPem, CaPath = Certs.ClusterCa });

        Assert.Equal("CN=node1", tls.Certificate.Subject);
        Assert.True(tls.Certificate.HasPrivateKey);
    }

    [Fact]
    public void Load_EncryptedPemKeyWithPassword_Loads()
    {
        var tls = TlsCertificateLoader.Load(new TlsOptions { CertificatePath = Certs.Pem("node1"), KeyPath = Certs.EncryptedKey, CaPath = Certs.ClusterCa, Password = TestCertificates.Password });

        Assert.True(tls.Certificate.HasPrivateKey);
    }

    [Fact]
    public void Load_BundleOfTwoCas_TrustsBoth()
    {
        var tls = TlsCertificateLoader.Load(new TlsOptions { CertificatePath = Certs.Pem("intruder"), KeyPath = Certs.Key("intruder"), CaPath = Certs.BothCas });

        Assert.Equal(2, tls.Authorities.Length);
    }

    [Theory]
    [InlineData("cert without CA", "no CA")]
    [InlineData("CA without cert", "no certificate")]
    [InlineData("password only", "no certificate")]
    [InlineData("PFX without password", "needs its password in HOTRELOAD_TLS__PASSWORD")]
    [InlineData("PFX with wrong password", "wrong password")]
    [InlineData("PFX with a key path", "carries its own key")]
    [InlineData("PFX without private key", "no certificate with a private key")]
    [InlineData("PEM without key", "needs its private key")]
    [InlineData("PEM with another certificate's key", "does the key belong to the certificate")]
    [InlineData("encrypted key without password", "is encrypted")]
    [InlineData("missing certificate file", "cannot be read")]
    [InlineData("missing CA file", "cannot be read")]
    [InlineData("expired certificate", "expired on")]
    [InlineData("certificate of another CA", "does not chain to the CA")]
    [InlineData("CA file with its private key", "contains a private key")]
    [InlineData("a node certificate as CA", "is not a CA certificate")]
    [InlineData("a key as certificate", "holds no PEM CERTIFICATE")]
    public void Load_HalfOrWronglyConfigured_RefusesWithOneLine(string scenario, string expected)
    {
        var options = scenario switch
        {
            "cert without CA" => new TlsOptions { CertificatePath = Certs.Pem("node1"), KeyPath = Certs.Key("node1") },
            "CA without cert" => new TlsOptions { CaPath = Certs.ClusterCa },
            "password only" => new TlsOptions { Password = TestCertificates.Password },
            "PFX without password" => new TlsOptions { CertificatePath = Certs.Pfx("node1"), CaPath = Certs.ClusterCa },
            "PFX with wrong password" => new TlsOptions { CertificatePath = Certs.Pfx("node1"), CaPath = Certs.ClusterCa, Password = "not-it" },
            "PFX with a key path" => new TlsOptions { CertificatePath = Certs.Pfx("node1"), KeyPath = Certs.Key("node1"), CaPath = Certs.ClusterCa, Password = TestCertificates.Password },
            "PFX without private key" => new TlsOptions { CertificatePath = Certs.NoKeyPfx, CaPath = Certs.ClusterCa, Password = TestCertificates.Password },
            "PEM without key" => new TlsOptions { CertificatePath = Certs.Pem("node1"), CaPath = Certs.ClusterCa },
            "PEM with another certificate's key" => new TlsOptions { CertificatePath = Certs.Pem("node1"), KeyPath = Certs.Key("node2"), CaPath = Certs.ClusterCa },
            "encrypted key without password" => new TlsOptions { CertificatePath = Certs.Pem("node1"), KeyPath = Certs.EncryptedKey, CaPath = Certs.ClusterCa },
            "missing certificate file" => new TlsOptions { CertificatePath = Certs.Path("nope.pem"), KeyPath = Certs.Key("node1"), CaPath = Certs.ClusterCa },
            "missing CA file" => new TlsOptions { CertificatePath = Certs.Pem("node1"), KeyPath = Certs.Key("node1"), CaPath = Certs.Path("nope-ca.pem") },
            "expired certificate" => new TlsOptions { CertificatePath = Certs.ExpiredPem, KeyPath = Certs.ExpiredKey, CaPath = Certs.ClusterCa },
            "certificate of another CA" => new TlsOptions { CertificatePath = Certs.Pem("intruder"), KeyPath = Certs.Key("intruder"), CaPath = Certs.ClusterCa },
            "CA file with its private key" => new TlsOptions { CertificatePath = Certs.Pem("node1"), KeyPath = Certs.Key("node1"), CaPath = Certs.CaWithKey },
            "a node certificate as CA" => new TlsOptions { CertificatePath = Certs.Pem("node1"), KeyPath = Certs.Key("node1"), CaPath = Certs.Pem("node2") },
            "a key as certificate" => new TlsOptions { CertificatePath = Certs.Key("node1"), KeyPath = Certs.Key("node1"), CaPath = Certs.ClusterCa },
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };

        var error = Assert.Throws<TlsConfigurationException>(() => TlsCertificateLoader.Load(options));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain(TestCertificates.Password, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BeforeOrAfterTheValidityPeriod_Refuses()
    {
        var options = new TlsOptions { CertificatePath = Certs.Pfx("node1"), CaPath = Certs.ClusterCa, Password = TestCertificates.Password };
        var before = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-1));
        var after = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(400));

        Assert.Contains("is not valid before", Assert.Throws<TlsConfigurationException>(() => TlsCertificateLoader.Load(options, before)).Message, StringComparison.Ordinal);
        Assert.Contains("expired on", Assert.Throws<TlsConfigurationException>(() => TlsCertificateLoader.Load(options, after)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ToString_NeverShowsThePassword()
    {
        var options = new TlsOptions { CertificatePath = "a.pfx", CaPath = "ca.pem", Password = "hunter2-secret" };

        Assert.DoesNotContain("hunter2-secret", options.ToString(), StringComparison.Ordinal);
        Assert.Contains("Password = (set)", options.ToString(), StringComparison.Ordinal);
        Assert.True(options.IsConfigured);
        Assert.False(new TlsOptions().IsConfigured);
    }
}
