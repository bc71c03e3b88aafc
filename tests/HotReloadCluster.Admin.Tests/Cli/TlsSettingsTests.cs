using HotReloadCluster.Hrc.Cli;
using HotReloadCluster.Tests.Support;

namespace HotReloadCluster.Admin.Tests.Cli;

/// <summary>hrc's TLS options: flags over HOTRELOAD_TLS__* variables, the password from the environment only, contacts in akka.ssl.tcp.</summary>
public sealed class TlsSettingsTests
{
    [Fact]
    public void ResolveTls_FlagsOverTheEnvironment_PasswordFromTheEnvironmentOnly()
    {
        var environment = new Dictionary<string, string?>
        {
            ["HOTRELOAD_TLS__CERT"] = "env.pfx",
            ["HOTRELOAD_TLS__CA"] = "env-ca.pem",
            ["HOTRELOAD_TLS__PASSWORD"] = "env-password",
        };

        var tls = new HrcSettings { TlsCertificate = "flag.pem", TlsKey = "flag.key" }.ResolveTls(n => environment.GetValueOrDefault(n));

        Assert.Equal("flag.pem", tls.CertificatePath);
        Assert.Equal("flag.key", tls.KeyPath);
        Assert.Equal("env-ca.pem", tls.CaPath);
        Assert.Equal("env-password", tls.Password);
        Assert.False(tls.ValidateHostname);
    }

    [Fact]
    public void ResolveTls_NothingGiven_IsPlain()
    {
        Assert.False(new HrcSettings().ResolveTls(_ => null).IsConfigured);
    }

    [Fact]
    public void Contacts_WithTls_UseTheSslProtocol()
    {
        var certs = TestCertificates.Shared;
        var tls = TestCertificates.Material(certs.Pem("hrc"), certs.Key("hrc"), certs.ClusterCa);

        var contacts = new HrcSettings { Contact = ["a:1", "akka.tcp://hotreload@b:2", "akka.ssl.tcp://hotreload@a:1"] }.Contacts(tls, out var error);

        Assert.Null(error);
        Assert.Equal<string>(["akka.ssl.tcp://hotreload@a:1", "akka.ssl.tcp://hotreload@b:2"], contacts);
        Assert.Equal<string>(["akka.ssl.tcp://hotreload@127.0.0.1:4053"], new HrcSettings().Contacts(tls, out _));
    }

    [Fact]
    public void Contacts_AnSslContactWithoutTls_IsAnError()
    {
        new HrcSettings { Contact = ["akka.ssl.tcp://hotreload@a:1"] }.Contacts(null, out var error);

        Assert.Contains("uses TLS", error, StringComparison.Ordinal);
    }
}
