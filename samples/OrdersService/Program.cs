using Akka.Hosting;
using HotReloadCluster.Cluster;
using Microsoft.Extensions.Options;
using OrdersService;

// An ASP.NET Core service whose options come from the cluster's "settings" topic and change while it runs.
//   HotReload__Seeds__0=127.0.0.1:4053 dotnet run --project samples/OrdersService -- --urls http://127.0.0.1:5080
var builder = WebApplication.CreateBuilder(args);

// 1. The cluster's topics become configuration (keys at the root, as AddJsonFile would put them). Until the cluster
//    answers, and when it is down at start, the last applied version comes from the cache on disk.
builder.Configuration.AddHotReloadCluster(["settings"], o => o.CacheFolder = builder.Configuration["HotReload:CacheFolder"] ?? Path.Combine("data", "hotreload-cache"));

// 2. Options bound from it. Their validation runs on every new version before the service sees it: a version they
//    refuse changes nothing here, and the cluster rolls it back.
builder.Services.AddHotReloadOptions<DatabaseOptions>("database")
    .ValidateDataAnnotations()
    .Validate(o => o.Pool.MinSize <= o.Pool.MaxSize, "database.pool.min_size must not exceed max_size");

// (No ValidateOnStart: it runs before the cluster has answered, and a first start with neither cluster nor cache has no
// values yet. Set RequireClusterAtStartup below to refuse to start without them.)
builder.Services.AddHotReloadOptions<CacheOptions>("cache").ValidateDataAnnotations();

// 3. The service subscribes to the cluster (Akka.Hosting). Its member runs on an ActorSystem of its own and rejoins by
//    itself after a long pause got it downed; the service's ActorSystem ("orders") is left as it is.
builder.Services.AddAkka("orders", (akka, services) => akka.WithHotReloadSubscriber(services, o =>
{
    var configuration = services.GetRequiredService<IConfiguration>();
    o.Cluster = new ClusterNodeOptions
    {
        Hostname = configuration["HotReload:Hostname"] ?? "127.0.0.1",
        Port = configuration.GetValue("HotReload:Port", 0),
        Seeds = [.. configuration.GetSection("HotReload:Seeds").Get<string[]>() ?? ["127.0.0.1:4053"]],
    };
    o.StartupTimeout = TimeSpan.FromSeconds(configuration.GetValue("HotReload:StartupTimeoutSeconds", 10));
}));

// 4. Health: the service's membership and whether the cluster confirmed its topics (Degraded while it serves the cache
//    or while the config nodes are away: it still has its last good values, so it stays ready).
builder.Services.AddHealthChecks().AddHotReloadChecks();

var app = builder.Build();
app.MapHealthChecks("/readyz");

// What the service runs with now: the values its options hold, and which version of the topic they come from.
app.MapGet("/settings", (IOptionsMonitor<DatabaseOptions> database, IOptionsMonitor<CacheOptions> cache, IConfiguration configuration) =>
{
    var current = configuration.GetHotReloadConfig()?.Current("settings");
    var db = database.CurrentValue;
    return Results.Ok(new
    {
        version = current?.Version,
        stale = current?.Stale ?? true,
        database = new { db.Host, db.Port, db.Name, db.User, passwordSet = db.Password.Length > 0, pool = new { db.Pool.MinSize, db.Pool.MaxSize } },
        cache = cache.CurrentValue,
    });
});

app.Run();
