using Akka.Hosting;
using HotReloadCluster.Core.Substitution;
using HotReloadCluster.Hosting;
using HotReloadCluster.Node;
using HotReloadCluster.Reloading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var configuration = new ConfigurationBuilder()
    .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
    .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
    .AddInMemoryCollection(CommandLine.EnvironmentOverrides(Environment.GetEnvironmentVariables()))
    .Build();

if (CommandLine.TryBind(configuration, out var fromConfig) is { } configError)
{
    await Console.Error.WriteLineAsync("error: " + configError);
    return 2;
}

if (CommandLine.TryParse(args, fromConfig, out var settings, out var help) is { } usageError)
{
    await Console.Error.WriteLineAsync("error: " + usageError);
    await Console.Error.WriteLineAsync(CommandLine.Usage);
    return 2;
}

if (help)
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = Directory.GetCurrentDirectory() });
builder.Configuration.AddConfiguration(configuration);
builder.Logging.AddConfiguration(configuration.GetSection("Logging"));
builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

var options = new HotReloadOptions
{
    Debounce = settings.Debounce,
    Polling = settings.Polling,
    Persistence = HotReloadPersistence.Sqlite(Path.Combine(settings.Data, "hotreload.db")),
    Reload = new ReloadSettings { Variables = EnvironmentVariableSource.Instance },
};
foreach (var path in settings.Watch)
{
    options.WatchPaths.Add(path);
}

builder.Services.AddAkka("hotreload", (akka, _) =>
{
    // Akka's own log goes through Microsoft.Extensions.Logging, so to stderr: stdout carries only event lines.
    akka.ConfigureLoggers(loggers =>
    {
        loggers.LogLevel = Akka.Event.LogLevel.InfoLevel;
        loggers.ClearLoggers();
        loggers.AddLoggerFactory();
    });
    akka.WithHotReload(options);
    akka.WithActors((system, _) => system.ActorOf(EventPrinterActor.Props(Console.Out, settings.Json), "printer"));
});

using var host = builder.Build();
var banner = $"HotReloadCluster node: watching {string.Join(", ", settings.Watch.Select(Path.GetFullPath))}; journal {options.Persistence}; debounce {settings.Debounce ?? HotReloadOptions.DefaultDebounce}; Ctrl+C stops";
await (settings.Json ? Console.Error : Console.Out).WriteLineAsync(banner);
await host.RunAsync();
return 0;
