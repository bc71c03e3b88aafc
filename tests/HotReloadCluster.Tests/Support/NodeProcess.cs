using System.Collections.Concurrent;
using System.Diagnostics;

namespace HotReloadCluster.Tests.Support;

/// <summary>A real node process (the built HotReloadCluster.Node.dll) with its output lines collected.</summary>
internal sealed class NodeProcess : IDisposable
{
    private readonly Process _process;

    private NodeProcess(Process process)
    {
        _process = process;
    }

    public BlockingCollection<string> Stdout { get; } = [];

    public BlockingCollection<string> Stderr { get; } = [];

    public int Id => _process.Id;

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HotReloadCluster.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("HotReloadCluster.sln not found above " + AppContext.BaseDirectory);
    }

    public static string NodeDll()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(RepositoryRoot(), "src", "HotReloadCluster.Node", "bin", configuration, "net10.0", "HotReloadCluster.Node.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the solution first.", dll);
    }

    public static NodeProcess Start(string workingDirectory, params string[] args) =>
        Start(workingDirectory, new Dictionary<string, string>(), args);

    /// <summary>Starts a node with extra environment variables (e.g. HOTRELOAD_ADMINTOKENS__0).</summary>
    public static NodeProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Start(workingDirectory, environment, [], args);

    /// <summary>
    /// Starts a node through <paramref name="launcher"/> (e.g. <c>setpriv --bounding-set -dac_override,… --</c>), which
    /// gets <c>dotnet</c>, the node and <paramref name="args"/> as its arguments.
    /// </summary>
    public static NodeProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> launcher, params string[] args) =>
        StartDll(NodeDll(), workingDirectory, environment, launcher, args);

    /// <summary>The built <c>&lt;name&gt;.dll</c> of a project under <c>samples/</c> (same configuration as the tests).</summary>
    public static string SampleDll(string name)
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(RepositoryRoot(), "samples", name, "bin", configuration, "net10.0", name + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the solution first.", dll);
    }

    /// <summary>Starts <c>dotnet &lt;dll&gt; args</c> (any program of the repository) with its output lines collected.</summary>
    public static NodeProcess StartDll(string dll, string workingDirectory, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> launcher, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(launcher);
        var info = new ProcessStartInfo(launcher.Count > 0 ? launcher[0] : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        if (launcher.Count > 0)
        {
            foreach (var part in launcher.Skip(1))
            {
                info.ArgumentList.Add(part);
            }

            info.ArgumentList.Add("dotnet");
        }

        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var node = new NodeProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                node.Stdout.Add(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                node.Stderr.Add(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    public string WaitForLine(Func<string, bool> match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var line = Stdout.Take(cts.Token);
                if (match(line))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No matching line within {timeout}. stderr: {string.Join('\n', Stderr)}");
        }
    }

    /// <summary>Sends SIGTERM (what Ctrl+C and docker stop do) and waits for the exit code.</summary>
    public int Terminate(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        return WaitForExit(timeout);
    }

    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            throw new TimeoutException($"The node did not exit within {timeout}. Last stderr lines:\n{string.Join('\n', Stderr.TakeLast(40))}\nLast stdout lines:\n{string.Join('\n', Stdout.TakeLast(10))}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Sends a signal by name (STOP freezes the process as a long GC pause or a VM migration would; CONT resumes it).</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", ["-" + name, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>kill -9: no shutdown, no leave, as a crash.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
