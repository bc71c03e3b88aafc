using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HotReloadCluster.Facade;
using Microsoft.Extensions.Configuration;

namespace HotReloadCluster.Benchmarks;

/// <summary>
/// Runs in a child process of the harness (<c>probe &lt;kind&gt; &lt;folder&gt;</c>): what one way of reading two small config
/// files adds to a fresh process, in managed heap, resident memory and start time. Kinds: <c>jsonfile</c>
/// (AddJsonFile reloadOnChange, the peer), <c>hotreloadfile</c> (AddHotReloadFile), <c>facade</c> (ConfigHotReloader).
/// </summary>
public static class FacadeProbe
{
    /// <summary>The figures one probe prints as JSON on stdout.</summary>
    public sealed record Result(string Kind, double HeapMb, double RssMb, double StartMs, string Value);

    public static async Task<int> RunAsync(string kind, string folder)
    {
        var files = new[] { Path.Combine(folder, "settings.json"), Path.Combine(folder, "limits.json") };

        // The runtime itself, settled: what is measured is what the configuration source adds on top.
        var (heapBefore, rssBefore) = Measure();
        var start = Stopwatch.GetTimestamp();
        string value;
        ConfigHotReloader? disposable = null;
        IDisposable? root = null;
        switch (kind)
        {
            case "jsonfile":
            {
                var configuration = new ConfigurationBuilder().AddJsonFile(files[0], optional: false, reloadOnChange: true).AddJsonFile(files[1], optional: false, reloadOnChange: true).Build();
                value = configuration["database:host"] ?? "(none)";
                root = configuration as IDisposable;
                break;
            }

            case "hotreloadfile":
            {
                var configuration = new ConfigurationBuilder().AddHotReloadFile(files[0]).AddHotReloadFile(files[1]).Build();
                value = configuration["database:host"] ?? "(none)";
                root = configuration as IDisposable;
                break;
            }

            case "facade":
            {
                var reloader = HotReloader.CreateHotReloader(files);
                await reloader.StartAsync().ConfigureAwait(false);
                value = reloader.GetConfig<Dictionary<string, object>>(files[0]) is { } bound ? "bound" : "(none)";
                disposable = reloader;
                break;
            }

            case "facade-warm":
            {
                // The same start once the code is compiled (JIT) and the shared ActorSystem runs: what is not warm-up.
                var warmup = HotReloader.CreateHotReloader(files);
                await warmup.StartAsync().ConfigureAwait(false);
                start = Stopwatch.GetTimestamp();
                var reloader = HotReloader.CreateHotReloader(files);
                await reloader.StartAsync().ConfigureAwait(false);
                value = "warm";
                disposable = reloader;
                break;
            }

            case "akka":
            {
                var system = Akka.Actor.ActorSystem.Create("probe", "akka.loglevel = WARNING");
                value = system.Name;
                root = system;
                break;
            }

            case "host":
            {
                var host = new Microsoft.Extensions.Hosting.HostBuilder().Build();
                await host.StartAsync().ConfigureAwait(false);
                value = "host";
                root = host;
                break;
            }

            default:
                await Console.Error.WriteLineAsync("unknown probe " + kind).ConfigureAwait(false);
                return 2;
        }

        var startMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

        // Running, idle for a moment (timers started, first allocations done), then settled again.
        await Task.Delay(500).ConfigureAwait(false);
        var (heapAfter, rssAfter) = Measure();
        Console.WriteLine(JsonSerializer.Serialize(new Result(kind, (heapAfter - heapBefore) / 1048576.0, (rssAfter - rssBefore) / 1048576.0, startMs, value)));
        root?.Dispose();
        if (disposable is not null)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>Runs one probe in a fresh process of this harness and returns its figures.</summary>
    public static async Task<Result> InChildAsync(string kind, string folder, CancellationToken cancellationToken)
    {
        var self = Environment.ProcessPath!;
        var info = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(typeof(FacadeProbe).Assembly.Location);
        }

        info.ArgumentList.Add("probe");
        info.ArgumentList.Add(kind);
        info.ArgumentList.Add(folder);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var line = (await stdout.ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"probe {kind} exited with {process.ExitCode}: {await stderr.ConfigureAwait(false)}");
        }

        return JsonSerializer.Deserialize<Result>(line)!;
    }

    private static (long Heap, long Rss) Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), self.WorkingSet64);
    }
}
