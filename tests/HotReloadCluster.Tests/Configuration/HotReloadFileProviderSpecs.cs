using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Subscriptions;
using HotReloadCluster.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace HotReloadCluster.Tests.Configuration;

/// <summary><c>AddHotReloadFile</c> / <c>AddHotReloadFolder</c> as an application uses them: real files, IConfiguration, IOptionsMonitor.</summary>
public sealed class HotReloadFileProviderSpecs : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Build_YamlAndJsonFiles_KeysAsTheJsonProviderGivesThem()
    {
        var yaml = _temp.Write("settings.yaml", "database:\n  host: db1\n  port: 5432\n  ratio: 1.50\n  enabled: true\nservers: [a, b]\n");
        var json = _temp.Write("limits.json", """{ "limits": { "requests": 100, "empty": {} } }""");

        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().AddHotReloadFile(yaml).AddHotReloadFile(json).Build();

        Assert.Equal("db1", configuration["database:host"]);
        Assert.Equal("5432", configuration["Database:Port"]);
        Assert.Equal("1.50", configuration["database:ratio"]);
        Assert.Equal("True", configuration["database:enabled"]);
        Assert.Equal("b", configuration["servers:1"]);
        Assert.Equal("100", configuration["limits:requests"]);
        Assert.Null(configuration["limits:empty"]);
    }

    [Fact]
    public async Task Write_FiresTheReloadTokenOncePerAppliedVersion_NeverTwice()
    {
        var file = _temp.Write("settings.json", """{ "revision": 0 }""");
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().AddHotReloadFile(file).Build();
        var fires = new BlockingCollection<string?>();
        using var registration = ChangeToken.OnChange(configuration.GetReloadToken, () => fires.Add(configuration["revision"]));

        for (var revision = 1; revision <= 5; revision++)
        {
            await File.WriteAllTextAsync(file, $$"""{ "revision": {{revision}} }""");
            Assert.True(fires.TryTake(out var seen, Timeout), $"no reload for revision {revision}");
            Assert.Equal(revision.ToString(System.Globalization.CultureInfo.InvariantCulture), seen);
        }

        // Each fire was consumed right after its own write: a second fire for any version would be waiting now.
        Assert.Empty(fires);
    }

    [Fact]
    public async Task InvalidOrHalfWrittenFile_ChangesNothing_ThenTheNextValidVersionApplies()
    {
        var file = _temp.Write("settings.json", """{ "database": { "host": "db1" } }""");
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().AddHotReloadFile(file).Build();
        var fires = new BlockingCollection<string?>();
        using var registration = ChangeToken.OnChange(configuration.GetReloadToken, () => fires.Add(configuration["database:host"]));
        var updates = new BlockingCollection<ConfigUpdate>();
        using var subscription = configuration.GetHotReloadConfig()!.Updates.Subscribe(new Observer(updates));

        await File.WriteAllTextAsync(file, """{ "database": { "host": "db2" """); // cut short
        await File.WriteAllTextAsync(file, """{ "database": { "host": "db3" } }""");

        Assert.True(fires.TryTake(out var seen, Timeout));
        Assert.Equal("db3", seen);
        Assert.Equal("db3", configuration["database:host"]);
        Assert.True(updates.TryTake(out var update, Timeout));
        Assert.Equal(2, update.Version); // the cut-short write never became a version
        Assert.Empty(fires);
    }

    [Fact]
    public void MissingFile_NotOptional_ThrowsLikeAddJsonFile_Optional_IsEmpty()
    {
        var missing = _temp.File("nope.yaml");

        var error = Assert.Throws<FileNotFoundException>(() => new ConfigurationBuilder().AddHotReloadFile(missing).Build());
        Assert.Contains("not optional", error.Message, StringComparison.Ordinal);

        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().AddHotReloadFile(missing, optional: true).Build();
        Assert.Empty(configuration.AsEnumerable());
    }

    [Fact]
    public async Task OptionalFile_CreatedLater_Appears()
    {
        var file = _temp.File("late.yaml");
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().AddHotReloadFile(file, optional: true).Build();
        var fires = new BlockingCollection<string?>();
        using var registration = ChangeToken.OnChange(configuration.GetReloadToken, () => fires.Add(configuration["feature"]));

        await File.WriteAllTextAsync(file, "feature: on\n");

        Assert.True(fires.TryTake(out var seen, Timeout));
        Assert.Equal("on", seen);
    }

    [Fact]
    public void InvalidFileAtStart_NotOptional_ThrowsWithTheReason()
    {
        var file = _temp.Write("settings.yaml", "a: [1, 2\n");

        var error = Assert.Throws<InvalidDataException>(() => new ConfigurationBuilder().AddHotReloadFile(file).Build());

        Assert.Contains("settings.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CollidingKeys_AreRefusedWithBothPaths()
    {
        var file = _temp.Write("settings.json", """{ "Logging": { "Level": "Info" }, "logging": { "level": "Debug" } }""");

        var error = Assert.Throws<InvalidDataException>(() => new ConfigurationBuilder().AddHotReloadFile(file).Build());

        Assert.Contains("/Logging/Level", error.Message, StringComparison.Ordinal);
        Assert.Contains("/logging/level", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomValidator_RefusesAVersion_IConfigurationKeepsTheLastGood()
    {
        var file = _temp.Write("settings.yaml", "port: 80\n");
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder()
            .AddHotReloadFile(file, configure: o => o.Validator = c => c.Find("port") is ConfigScalar { Text: not "0" })
            .Build();
        var fires = new BlockingCollection<string?>();
        using var registration = ChangeToken.OnChange(configuration.GetReloadToken, () => fires.Add(configuration["port"]));

        await File.WriteAllTextAsync(file, "port: 0\n");
        await File.WriteAllTextAsync(file, "port: 81\n");

        Assert.True(fires.TryTake(out var seen, Timeout));
        Assert.Equal("81", seen);
        Assert.Empty(fires);
    }

    [Fact]
    public async Task Folder_EachTopicUnderItsSection_NewFilesAppear()
    {
        _temp.Write("config/settings.yaml", "database:\n  host: db1\n");
        _temp.Write("config/services/payments.json", """{ "url": "http://pay" }""");
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().AddHotReloadFolder(_temp.File("config")).Build();
        var fires = new BlockingCollection<string?>();
        using var registration = ChangeToken.OnChange(configuration.GetReloadToken, () => fires.Add(configuration["limits:requests"]));

        Assert.Equal("db1", configuration["settings:database:host"]);
        Assert.Equal("http://pay", configuration["services:payments:url"]);

        _temp.Write("config/limits.yaml", "requests: 7\n");
        Assert.True(fires.TryTake(out var seen, Timeout));
        Assert.Equal("7", seen);
    }

    [Fact]
    public async Task ConfigMapSymlinkSwap_IsSeen()
    {
        // The kubelet's layout: settings.yaml → ..data/settings.yaml, ..data → ..2026_01 swapped atomically.
        var root = _temp.File("configmap");
        Directory.CreateDirectory(Path.Combine(root, "..2026_01"));
        await File.WriteAllTextAsync(Path.Combine(root, "..2026_01", "settings.yaml"), "mode: blue\n");
        File.CreateSymbolicLink(Path.Combine(root, "..data"), "..2026_01");
        File.CreateSymbolicLink(Path.Combine(root, "settings.yaml"), Path.Combine("..data", "settings.yaml"));
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().AddHotReloadFile(Path.Combine(root, "settings.yaml")).Build();
        var fires = new BlockingCollection<string?>();
        using var registration = ChangeToken.OnChange(configuration.GetReloadToken, () => fires.Add(configuration["mode"]));
        Assert.Equal("blue", configuration["mode"]);

        Directory.CreateDirectory(Path.Combine(root, "..2026_02"));
        await File.WriteAllTextAsync(Path.Combine(root, "..2026_02", "settings.yaml"), "mode: green\n");
        File.CreateSymbolicLink(Path.Combine(root, "..data_tmp"), "..2026_02");
        NativeFs.Rename(Path.Combine(root, "..data_tmp"), Path.Combine(root, "..data"));

        Assert.True(fires.TryTake(out var seen, Timeout));
        Assert.Equal("green", seen);
    }

    [Fact]
    public async Task OptionsValidation_RefusedVersion_NeverReachesIOptionsMonitor()
    {
        var file = _temp.Write("settings.yaml", "database:\n  host: db1\n  port: 5432\n");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddHotReloadFile(file);
        builder.Services.AddHotReloadOptions<DatabaseOptions>("database")
            .ValidateDataAnnotations()
            .Validate(o => o.Host != "forbidden", "host 'forbidden' is not allowed");
        using var host = builder.Build();
        await host.StartAsync();
        var monitor = host.Services.GetRequiredService<IOptionsMonitor<DatabaseOptions>>();
        var changes = new BlockingCollection<DatabaseOptions>();
        using var listener = monitor.OnChange(changes.Add);
        Assert.Equal(5432, monitor.CurrentValue.Port);

        await File.WriteAllTextAsync(file, "database:\n  host: db1\n  port: 70000\n"); // [Range] refuses it
        await File.WriteAllTextAsync(file, "database:\n  host: forbidden\n  port: 1\n"); // Validate(...) refuses it
        await File.WriteAllTextAsync(file, "database:\n  host: db2\n  port: 6432\n");

        Assert.True(changes.TryTake(out var changed, Timeout));
        Assert.Equal(("db2", 6432), (changed.Host, changed.Port));
        Assert.Equal(6432, monitor.CurrentValue.Port);
        Assert.Equal("db2", host.Services.GetRequiredService<IConfiguration>()["database:host"]);
        Assert.Empty(changes);
        await host.StopAsync();
    }

    /// <summary>Options as an application binds them.</summary>
    public sealed class DatabaseOptions
    {
        [Required]
        public string Host { get; set; } = string.Empty;

        [Range(1, 65535)]
        public int Port { get; set; }
    }

    private sealed class Observer(BlockingCollection<ConfigUpdate> updates) : IObserver<ConfigUpdate>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(ConfigUpdate value) => updates.Add(value);
    }
}
