using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace HotReloadCluster.Admin.Tests.Support;

/// <summary>A long-running <c>hrc tail</c> with its output lines collected.</summary>
public sealed class TailProcess : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<string> _stdout = [];
    private readonly BlockingCollection<string> _stderr = [];
    private readonly ConcurrentQueue<string> _all = new();

    public TailProcess(IReadOnlyDictionary<string, string?> environment, IEnumerable<string> args)
    {
        _process = new Process { StartInfo = HrcProcess.StartInfo(environment, args) };
        _process.OutputDataReceived += (_, e) => Collect(e.Data, _stdout);
        _process.ErrorDataReceived += (_, e) => Collect(e.Data, _stderr);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Everything printed so far.</summary>
    public string Output => string.Join('\n', _all);

    public string WaitForStdout(Func<string, bool> match, TimeSpan timeout) => WaitFor(_stdout, match, timeout);

    public string WaitForStderr(Func<string, bool> match, TimeSpan timeout) => WaitFor(_stderr, match, timeout);

    /// <summary>SIGTERM, then the exit code.</summary>
    public int Terminate(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        if (!_process.WaitForExit(timeout))
        {
            throw new TimeoutException("hrc tail did not exit on SIGTERM. Output:\n" + Output);
        }

        _process.WaitForExit();
        return _process.ExitCode;
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

    private void Collect(string? line, BlockingCollection<string> into)
    {
        if (line is not null)
        {
            _all.Enqueue(line);
            into.Add(line);
        }
    }

    private string WaitFor(BlockingCollection<string> lines, Func<string, bool> match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var line = lines.Take(cts.Token);
                if (match(line))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No matching line within {timeout}. Output so far:\n{Output}");
        }
    }
}
