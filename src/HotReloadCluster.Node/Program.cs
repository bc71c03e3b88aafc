using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Akka.Hosting;
using HotReloadCluster.Cluster;
using HotReloadCluster.Core.Substitution;
using HotReloadCluster.Hosting;
using HotReloadCluster.Node;
using HotReloadCluster.Subscriptions;
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

HotReloadCluster.Cluster.Tls.TlsCertificates? tls = null;
if (settings.Tls.IsConfigured)
{
    try
    {
        tls = HotReloadCluster.Cluster.Tls.TlsCertificateLoader.Load(settings.Tls);
    }
    catch (HotReloadCluster.Cluster.Tls.TlsConfigurationException ex)
    {
        await Console.Error.WriteLineAsync("error: " + ex.Message);
        return 2;
    }
}
else if (HotReloadCluster.Cluster.Tls.TlsRemoting.PlainTextWarning(settings.Hostname) is { } plainText)
{
    await Console.Error.WriteLineAsync("warning: " + plainText);
}

var persistence = settings.Journal switch
{
    { } j when j.StartsWith("postgres:", StringComparison.Ordinal) => HotReloadPersistence.PostgreSql(j["postgres:".Length..]),
    { } j when j.StartsWith("sqlite:", StringComparison.Ordinal) => HotReloadPersistence.Sqlite(j["sqlite:".Length..]),
    _ => HotReloadPersistence.Sqlite(Path.Combine(settings.Data, "hotreload.db")),
};

HotReloadCluster.Admin.AdminTokens adminTokens;
string? generatedToken = null;
try
{
    if (settings.AdminTokens.IsEmpty)
    {
        (adminTokens, generatedToken) = HotReloadCluster.Admin.AdminTokens.Generate();
    }
    else
    {
        adminTokens = HotReloadCluster.Admin.AdminTokens.Parse(settings.AdminTokens);
    }
}
catch (FormatException ex)
{
    await Console.Error.WriteLineAsync("error: " + ex.Message);
    return 2;
}

var cluster = new ClusterNodeOptions
{
    Hostname = settings.Hostname,
    Port = settings.Port,
    Seeds = settings.Seeds,
    Roles = settings.Roles,
    StableAfter = settings.StableAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : settings.FastFailover ? TimeSpan.FromSeconds(1) : new ClusterNodeOptions().StableAfter,
    FastFailover = settings.FastFailover,
    Tls = tls,
    LeaseConnectionString = settings.Lease ?? (persistence.Kind == PersistenceKind.PostgreSql ? persistence.ConnectionString : null),
};
var options = new HotReloadOptions
{
    Debounce = settings.Debounce,
    Polling = settings.Polling,
    Persistence = persistence,
    Reload = new HotReloadCluster.Reloading.ReloadSettings { Variables = EnvironmentVariableSource.Instance, Retention = settings.Retention },
};
foreach (var path in settings.Watch)
{
    options.WatchPaths.Add(path);
}

// Kept across incarnations (a node that was downed rejoins as a new ActorSystem): what each subscription applied, and
// what was printed, so that a rejoin neither applies nor prints a version twice.
var subscriptions = new SubscriptionSettings();
var current = new CurrentActorSystem();
var printed = new System.Collections.Concurrent.ConcurrentDictionary<string, long>(StringComparer.Ordinal);

IHost Build(int incarnation)
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = Directory.GetCurrentDirectory() });
    builder.Configuration.AddConfiguration(configuration);
    builder.Logging.AddConfiguration(configuration.GetSection("Logging"));
    builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
    builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    builder.Services.AddAkka(cluster.SystemName, (akka, _) =>
    {
        // Akka's own log goes through Microsoft.Extensions.Logging, so to stderr: stdout carries only event lines.
        akka.ConfigureLoggers(loggers =>
        {
            loggers.LogLevel = Akka.Event.LogLevel.InfoLevel;
            loggers.ClearLoggers();
            loggers.AddLoggerFactory();
        });

        // The supervisor decides what happens when the ActorSystem goes (stop, or a new incarnation): never the CLR.
        akka.AddHocon("akka.coordinated-shutdown.exit-clr = off\nakka.coordinated-shutdown.run-by-clr-shutdown-hook = off", HoconAddMode.Prepend);
        akka.WithActors((system, _) => current.Set(system));
        akka.WithActors((system, _) => EventStreamActors.StartSubscribed(system, EventPrinterActor.Props(Console.Out, settings.Json), "printer", typeof(HotReloadCluster.Core.Events.ReloadEvent)));
        akka.WithHotReloadCluster(options, cluster, subscriptions, adminTokens);
        akka.WithActors((system, registry) =>
        {
            system.ActorOf(MembershipPrinterActor.Props(Console.Error), "membership-printer");
            if (!settings.Subscribe.IsEmpty)
            {
                var printer = system.ActorOf(SubscriptionPrinterActor.Props(Console.Out, settings.Json, printed), "subscription-printer");
                var manager = registry.Get<SubscriptionManagerActor>();
                foreach (var topic in settings.Subscribe)
                {
                    manager.Tell(new Subscribe(topic, printer), Akka.Actor.ActorRefs.NoSender);
                }
            }
        });
    });
    return builder.Build();
}

var banner = $"HotReloadCluster node {cluster.Hostname}:{cluster.Port} roles [{string.Join(",", cluster.Roles)}] seeds [{string.Join(", ", cluster.SeedAddresses())}]; "
    + (cluster.Roles.Contains(HotReloadRoles.Source)
        ? $"watching {string.Join(", ", settings.Watch.Select(Path.GetFullPath))}; debounce {settings.Debounce ?? HotReloadOptions.DefaultDebounce}; "
        : string.Empty)
    + (settings.Subscribe.IsEmpty ? string.Empty : $"subscribed to {string.Join(", ", settings.Subscribe)}; ")
    + $"journal {persistence}; retention {settings.Retention}; "
    + (cluster.LeaseConnectionString is null ? "downing: keep-majority of config nodes; " : "downing: lease-majority of config nodes (lease in PostgreSQL); ")
    + "Ctrl+C stops";
await (settings.Json ? Console.Error : Console.Out).WriteLineAsync(banner);
if (tls is not null)
{
    await Console.Error.WriteLineAsync($"tls: mutual authentication on {cluster.Protocol}; {tls}");
}

if (generatedToken is not null && cluster.Roles.Contains(HotReloadRoles.Registry))
{
    // Shown once, on stderr only; there is no unauthenticated mode.
    await Console.Error.WriteLineAsync($"admin token (operator, generated for this run; set HOTRELOAD_ADMINTOKENS__0=name:role:token to choose your own): {generatedToken}");
}

using var spans = SpanPrinter.FromEnvironment(Console.Out);
Microsoft.AspNetCore.Builder.WebApplication? http = null;
if (settings.Http is { } endpoint)
{
    try
    {
        http = await NodeHttpServer.StartAsync(endpoint, current, settings, options, subscriptions, CancellationToken.None);
    }
    catch (Exception ex) when (ex is IOException or InvalidOperationException or System.Net.Sockets.SocketException)
    {
        await Console.Error.WriteLineAsync($"error: cannot serve HTTP on {endpoint}: {ex.GetBaseException().Message}");
        return 1;
    }

    await Console.Error.WriteLineAsync($"http: /healthz, /readyz and /metrics on http://{endpoint}");
}

using var stop = new CancellationTokenSource();
if (InheritedSignals.InterruptIgnored())
{
    await Console.Error.WriteLineAsync(InheritedSignals.Warning);
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
{
    context.Cancel = true;
    stop.Cancel();
});
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});
var exitCode = await NodeSupervisor.RunAsync(Build, Console.Error, stop.Token);
if (http is not null)
{
    await http.StopAsync(CancellationToken.None);
    await http.DisposeAsync();
}

// The ActorSystem was asked to stop and given 30 s; a shutdown that overran it (a loaded machine) can leave foreground
// threads behind, which kept the process alive after Main returned. What was asked is to exit: do so.
await Console.Out.FlushAsync();
await Console.Error.FlushAsync();
Environment.Exit(exitCode);
return exitCode;
