using HotReloadCluster.Core.Debouncing;
using HotReloadCluster.Node;
using Microsoft.Extensions.Configuration;

namespace HotReloadCluster.Tests.Node;

public sealed class CommandLineSpecs
{
    [Fact]
    public void TryParse_AllFlags_OverrideBaseline()
    {
        var error = CommandLine.TryParse(["--watch", "a", "--watch", "b", "--data", "d", "--json", "--debounce", "adaptive:50", "--polling"], new NodeSettings(), out var settings, out var help);

        Assert.Null(error);
        Assert.False(help);
        Assert.Equal<string>(["a", "b"], settings.Watch);
        Assert.Equal("d", settings.Data);
        Assert.True(settings.Json);
        Assert.True(settings.Polling);
        Assert.Equal(DebounceStrategy.Adaptive, settings.Debounce!.Strategy);
        Assert.Equal(TimeSpan.FromMilliseconds(50), settings.Debounce.BaseDelay);
    }

    [Fact]
    public void TryParse_ClusterFlags_AreApplied()
    {
        var error = CommandLine.TryParse(
            ["--hostname", "node1", "--port", "4100", "--seed", "node1:4100", "--seed", "node2:4100", "--roles", "config-source,config-registry", "--journal", "postgres:Host=db", "--stable-after", "5"],
            new NodeSettings(),
            out var settings,
            out _);

        Assert.Null(error);
        Assert.Equal("node1", settings.Hostname);
        Assert.Equal(4100, settings.Port);
        Assert.Equal<string>(["node1:4100", "node2:4100"], settings.Seeds);
        Assert.Equal<string>(["config-source", "config-registry"], settings.Roles);
        Assert.Equal("postgres:Host=db", settings.Journal);
        Assert.Equal(5, settings.StableAfterSeconds);
    }

    [Theory]
    [InlineData("--roles", "config-source,bogus")]
    [InlineData("--port", "70000")]
    [InlineData("--port", "-1")]
    [InlineData("--journal", "mysql:x")]
    [InlineData("--roles", "config-source", "--subscribe", "settings")]
    [InlineData("--stable-after", "0")]
    public void TryParse_BadClusterInput_IsAnError(params string[] args)
    {
        Assert.NotNull(CommandLine.TryParse(args, new NodeSettings(), out _, out _));
    }

    [Fact]
    public void TryBind_UnknownHotReloadSetting_IsAnError()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("HotReload:Colour", "blue")]).Build();

        Assert.Contains("unknown setting", CommandLine.TryBind(configuration, out _), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--nope")]
    [InlineData("--watch")]
    [InlineData("--debounce", "sideways:10")]
    [InlineData("--data", "--json")]
    public void TryParse_BadInput_IsAnError(params string[] args)
    {
        Assert.NotNull(CommandLine.TryParse(args, new NodeSettings(), out _, out _));
    }

    [Fact]
    public void TryBind_EnvironmentOverrides_MapToTheSection()
    {
        var env = new System.Collections.Hashtable { ["HOTRELOAD_DATA"] = "/var/lib/hrc", ["HOTRELOAD_WATCH__0"] = "/etc/app", ["HOTRELOAD_DEBOUNCE"] = "fixed:5", ["OTHER"] = "x" };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(CommandLine.EnvironmentOverrides(env)).Build();

        Assert.Null(CommandLine.TryBind(configuration, out var settings));

        Assert.Equal("/var/lib/hrc", settings.Data);
        Assert.Equal<string>(["/etc/app"], settings.Watch);
        Assert.Equal(TimeSpan.FromMilliseconds(5), settings.Debounce!.BaseDelay);
    }

    [Fact]
    public void TryBind_BadBoolean_IsAnError()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("HotReload:Json", "maybe")]).Build();

        Assert.NotNull(CommandLine.TryBind(configuration, out _));
    }
}
