using System.Text.Json;

namespace HotReloadCluster.Tests.Support;

/// <summary>
/// One real node process for the hostile-input suite: it watches <see cref="Root"/> with a short debounce and prints
/// its events as JSON. Run as root, the node is started without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH
/// (<c>setpriv</c>), so that a <c>chmod 000</c> file really is unreadable to it, as it is to a service account.
/// </summary>
public sealed class HostileNode : IDisposable
{
    private static readonly string[] DropFileReadOverride = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"];
    private readonly TempDirectory _temp = new();
    private readonly NodeProcess _node;
    private readonly List<NodeEvent> _events = [];
    private readonly Thread _reader;

    public HostileNode()
    {
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Outside);
        IsRoot = Environment.UserName == "root" || string.Equals(Environment.GetEnvironmentVariable("USER"), "root", StringComparison.Ordinal);
        if (IsRoot && !File.Exists("/usr/bin/setpriv") && !File.Exists("/bin/setpriv"))
        {
            throw new InvalidOperationException("Running as root, the unreadable-file cases need setpriv (util-linux) to start the node without CAP_DAC_OVERRIDE.");
        }

        _node = NodeProcess.Start(
            _temp.Path,
            new Dictionary<string, string>(),
            IsRoot ? DropFileReadOverride : [],
            "--port", "0", "--watch", "config", "--data", "state", "--json", "--debounce", "fixed:10");
        _reader = new Thread(Read) { IsBackground = true, Name = "hostile-node-events" };
        _reader.Start();
        Wait(e => e.Event == "ReloadSuccess" && e.Topic == "ready", TimeSpan.FromSeconds(60), () => File.WriteAllText(System.IO.Path.Combine(Root, "ready.yaml"), "ready: true\n"));
    }

    /// <summary>Whether the tests run as root (the node then runs with fewer capabilities than the test).</summary>
    public bool IsRoot { get; }

    /// <summary>The watched root.</summary>
    public string Root => _temp.File("config");

    /// <summary>A folder outside the root, with files the node must never read.</summary>
    public string Outside => _temp.File("outside");

    /// <summary>The node's folder (its journal is under state/).</summary>
    public string Folder => _temp.Path;

    public IReadOnlyList<string> Stderr => [.. _node.Stderr];

    /// <summary>Runs <paramref name="act"/>, then waits for the first event after it that matches.</summary>
    public NodeEvent Wait(Func<NodeEvent, bool> match, TimeSpan timeout, Action? act = null)
    {
        int seen;
        lock (_events)
        {
            seen = _events.Count;
        }

        act?.Invoke();
        var deadline = DateTime.UtcNow + timeout;
        lock (_events)
        {
            while (true)
            {
                for (; seen < _events.Count; seen++)
                {
                    if (match(_events[seen]))
                    {
                        return _events[seen];
                    }
                }

                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !Monitor.Wait(_events, left))
                {
                    if (DateTime.UtcNow >= deadline)
                    {
                        throw new TimeoutException("no matching event; events of the last minute:\n" + string.Join('\n', _events.TakeLast(30)) + "\nstderr:\n" + string.Join('\n', _node.Stderr.TakeLast(20)));
                    }
                }
            }
        }
    }

    /// <summary>Every event printed so far for <paramref name="topic"/>.</summary>
    public IReadOnlyList<NodeEvent> EventsOf(string topic)
    {
        lock (_events)
        {
            return [.. _events.Where(e => e.Topic == topic)];
        }
    }

    public void Dispose()
    {
        _node.Dispose();
        foreach (var dir in Directory.EnumerateDirectories(_temp.Path, "*", SearchOption.AllDirectories))
        {
            try
            {
                File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            catch (IOException)
            {
            }
        }

        _temp.Dispose();
    }

    private void Read()
    {
        foreach (var line in _node.Stdout.GetConsumingEnumerable())
        {
            if (!line.StartsWith('{'))
            {
                continue;
            }

            var json = JsonDocument.Parse(line).RootElement;
            var e = new NodeEvent(
                json.GetProperty("event").GetString()!,
                json.GetProperty("topic").GetString()!,
                json.GetProperty("version").ValueKind == JsonValueKind.Number ? json.GetProperty("version").GetInt64() : null,
                json.GetProperty("error").GetString(),
                line);
            lock (_events)
            {
                _events.Add(e);
                Monitor.PulseAll(_events);
            }
        }
    }
}

/// <summary>One event line of the node.</summary>
public sealed record NodeEvent(string Event, string Topic, long? Version, string? Error, string Line)
{
    public override string ToString() => Line;
}
