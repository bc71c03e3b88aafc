using System.Diagnostics;
using HotReloadCluster.Tests.Support;

namespace HotReloadCluster.Admin.Tests.Support;

/// <summary>The built hrc.dll, run as a process with stdout and stderr redirected (so its plain-text output).</summary>
public static class HrcProcess
{
    public static string HrcDll()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(NodeProcess.RepositoryRoot(), "src", "HotReloadCluster.Admin", "bin", configuration, "net10.0", "hrc.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build src/HotReloadCluster.Admin first.", dll);
    }

    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string?> environment, IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(args);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.Environment.Remove("HOTRELOAD_ADMIN_TOKEN");
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        info.ArgumentList.Add(HrcDll());
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    /// <summary>Runs hrc to its end (killed after <paramref name="limit"/>).</summary>
    public static async Task<HrcResult> RunAsync(IReadOnlyDictionary<string, string?> environment, IEnumerable<string> args, TimeSpan limit)
    {
        using var process = new Process { StartInfo = StartInfo(environment, args) };
        var clock = Stopwatch.StartNew();
        process.Start();
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"hrc {string.Join(' ', args)} did not exit within {limit}.");
        }

        return new HrcResult(process.ExitCode, await stdout, await stderr, clock.Elapsed);
    }
}
