using HotReloadCluster.Node;
using Microsoft.Extensions.Configuration;

namespace HotReloadCluster.Tests.Node;

/// <summary>The node's TLS flags (paths only) and HotReload:Tls settings / HOTRELOAD_TLS__* variables.</summary>
public sealed class TlsSettingsSpecs
{
    [Fact]
    public void TryParse_TlsFlags_SetThePaths()
    {
        var error = CommandLine.TryParse(["--tls-cert", "node.pem", "--tls-key", "node.key", "--tls-ca", "ca.pem"], new NodeSettings(), out var settings, out _);

        Assert.Null(error);
        Assert.Equal("node.pem", settings.Tls.CertificatePath);
        Assert.Equal("node.key", settings.Tls.KeyPath);
        Assert.Equal("ca.pem", settings.Tls.CaPath);
        Assert.Null(settings.Tls.Password);
    }

    [Fact]
    public void TryParse_PasswordFlag_IsAUsageErrorPointingAtTheVariable()
    {
        var error = CommandLine.TryParse(["--tls-password", "secret"], new NodeSettings(), out _, out _);

        Assert.Contains("unknown option '--tls-password'", error, StringComparison.Ordinal);
        Assert.Contains("HOTRELOAD_TLS__PASSWORD", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--tls-cert")]
    [InlineData("--tls-key")]
    [InlineData("--tls-ca")]
    public void TryParse_TlsFlagWithoutValue_IsAnError(string flag)
    {
        Assert.Contains(flag + " needs", CommandLine.TryParse([flag], new NodeSettings(), out _, out _), StringComparison.Ordinal);
    }

    [Fact]
    public void TryBind_EnvironmentVariables_FillTheTlsSection()
    {
        var environment = new System.Collections.Hashtable
        {
            ["HOTRELOAD_TLS__CERT"] = "/certs/node1.pfx",
            ["HOTRELOAD_TLS__CA"] = "/certs/ca.pem",
            ["HOTRELOAD_TLS__PASSWORD"] = "from-the-environment",
            ["HOTRELOAD_TLS__VALIDATEHOSTNAME"] = "true",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(CommandLine.EnvironmentOverrides(environment)).Build();

        Assert.Null(CommandLine.TryBind(configuration, out var settings));
        Assert.Equal("/certs/node1.pfx", settings.Tls.CertificatePath);
        Assert.Equal("/certs/ca.pem", settings.Tls.CaPath);
        Assert.Equal("from-the-environment", settings.Tls.Password);
        Assert.True(settings.Tls.ValidateHostname);
        Assert.True(settings.Tls.IsConfigured);
    }

    [Fact]
    public void Flags_OverrideSettings_AndKeepThePassword()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
        [
            new("HotReload:Tls:Cert", "old.pfx"),
            new("HotReload:Tls:Ca", "ca.pem"),
            new("HotReload:Tls:Password", "pw"),
        ]).Build();
        Assert.Null(CommandLine.TryBind(configuration, out var fromSettings));

        Assert.Null(CommandLine.TryParse(["--tls-cert", "new.pfx"], fromSettings, out var settings, out _));

        Assert.Equal("new.pfx", settings.Tls.CertificatePath);
        Assert.Equal("ca.pem", settings.Tls.CaPath);
        Assert.Equal("pw", settings.Tls.Password);
    }

    [Theory]
    [InlineData("HotReload:Tls:Pasword", "pw", "unknown setting HotReload:Tls:Pasword")]
    [InlineData("HotReload:Tls:ValidateHostname", "sometimes", "HotReload:Tls:ValidateHostname has a bad value")]
    public void TryBind_BadTlsSetting_IsAnError(string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();

        Assert.Contains(expected, CommandLine.TryBind(configuration, out _), StringComparison.Ordinal);
    }

    [Fact]
    public void Default_IsPlainTcp()
    {
        Assert.False(new NodeSettings().Tls.IsConfigured);
        Assert.Equal("127.0.0.1", new NodeSettings().Hostname);
    }
}
