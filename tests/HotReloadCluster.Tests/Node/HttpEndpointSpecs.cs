using HotReloadCluster.Node;
using Microsoft.Extensions.Configuration;

namespace HotReloadCluster.Tests.Node;

/// <summary>--http and HOTRELOAD_HTTP: what is accepted, and what is a usage error.</summary>
public sealed class HttpEndpointSpecs
{
    [Theory]
    [InlineData("127.0.0.1:8080", "127.0.0.1", 8080)]
    [InlineData("0.0.0.0:9100", "0.0.0.0", 9100)]
    [InlineData("localhost:1", "localhost", 1)]
    [InlineData("*:65535", "*", 65535)]
    [InlineData("[::1]:8080", "[::1]", 8080)]
    public void TryParse_GoodHttpFlag_IsApplied(string value, string host, int port)
    {
        var error = CommandLine.TryParse(["--http", value], new NodeSettings(), out var settings, out _);

        Assert.Null(error);
        Assert.Equal(new HttpEndpoint(host, port), settings.Http);
    }

    [Theory]
    [InlineData("8080")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:")]
    [InlineData(":8080")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:65536")]
    [InlineData("127.0.0.1:-1")]
    [InlineData("example.com:8080")]
    [InlineData("::1:8080")]
    [InlineData("[127.0.0.1]:8080")]
    [InlineData("0:8080")]
    [InlineData("10.1:8080")]
    [InlineData("010.0.0.1:8080")]
    [InlineData("0x7f.0.0.1:8080")]
    public void TryParse_BadHttpFlag_IsAUsageErrorSayingWhatIsExpected(string value)
    {
        var error = CommandLine.TryParse(["--http", value], new NodeSettings(), out _, out _);

        Assert.Equal("--http needs <host>:<port> with host an IP address, localhost or * and port 1 to 65535, e.g. 127.0.0.1:8080", error);
    }

    [Fact]
    public void TryParse_HttpFlagWithoutValue_IsAUsageError()
    {
        Assert.StartsWith("--http needs <host>:<port>", CommandLine.TryParse(["--http"], new NodeSettings(), out _, out _), StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_NoHttpFlag_NoEndpoint()
    {
        Assert.Null(CommandLine.TryParse([], new NodeSettings(), out var settings, out _));
        Assert.Null(settings.Http);
    }

    [Fact]
    public void TryBind_HotReloadHttpVariable_SetsTheEndpoint()
    {
        var env = new System.Collections.Hashtable { ["HOTRELOAD_HTTP"] = "127.0.0.1:9000" };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(CommandLine.EnvironmentOverrides(env)).Build();

        Assert.Null(CommandLine.TryBind(configuration, out var settings));
        Assert.Equal(new HttpEndpoint("127.0.0.1", 9000), settings.Http);
    }

    [Fact]
    public void TryBind_BadHotReloadHttpVariable_IsAnError()
    {
        var env = new System.Collections.Hashtable { ["HOTRELOAD_HTTP"] = "everywhere" };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(CommandLine.EnvironmentOverrides(env)).Build();

        Assert.Equal("HotReload:Http has a bad value 'everywhere'", CommandLine.TryBind(configuration, out _));
    }

    [Fact]
    public void Usage_DocumentsTheHttpFlagAndVariable()
    {
        Assert.Contains("--http <host:port>", CommandLine.Usage, StringComparison.Ordinal);
        Assert.Contains("HOTRELOAD_HTTP=", CommandLine.Usage, StringComparison.Ordinal);
    }
}
