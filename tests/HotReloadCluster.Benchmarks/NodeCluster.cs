using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using HotReloadCluster.IntegrationTests;
using HotReloadCluster.Tests.Support;

namespace HotReloadCluster.Benchmarks;

/// <summary>Real node processes on 127.0.0.1 sharing a PostgreSQL journal, and what their subscribers printed.</summary>
internal sealed class NodeCluster : IDisposable
{
    private readonly List<NodeProcess> _nodes = [];
    private readonly string _journal;
    private readonly string _folder;
    private readonly string[] _seeds;

    /// <param name="store">The journal (PostgreSQL).</param>
    /// <param name="extraArgs">Flags for every node.</param>
    /// <param name="sources">How many config nodes will be started (their ports are the seeds).</param>
    public NodeCluster(BenchStore store, string? extraArgs = null, int sources = 2)
    {
        ArgumentNullException.ThrowIfNull(store);
        _journal = "postgres:" + store.Persistence.ConnectionString;
        _folder = store.Folder;
        ExtraArgs = extraArgs?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        Ports = [.. Enumerable.Range(0, sources).Select(_ => FreePorts.Next())];
        _seeds = [.. Ports.SelectMany(p => new[] { "--seed", $"127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)}" })];
    }

    public int[] Ports { get; }

    public string[] ExtraArgs { get; }

    /// <summary>Version → when it was printed, per subscriber.</summary>
    public List<ConcurrentDictionary<long, DateTimeOffset>> Applied { get; } = [];

    public List<NodeProcess> Sources { get; } = [];

    public List<NodeProcess> Subscribers { get; } = [];

    public NodeProcess StartSource(int index) =>
        Start([.. Common(Ports[index], "config-source,config-registry", "src" + index), "--watch", "config"], Sources);

    public void StartSubscriber(int index, int? port = null, IReadOnlyList<string>? launcher = null)
    {
        var node = Start([.. Common(port ?? FreePorts.Next(), "config-subscriber", "sub" + index), "--subscribe", "settings"], Subscribers, launcher);
        var seen = new ConcurrentDictionary<long, DateTimeOffset>();
        Applied.Add(seen);
        _ = Task.Run(() =>
        {
            foreach (var line in node.Stdout.GetConsumingEnumerable())
            {
                if (line.StartsWith('{') && JsonDocument.Parse(line).RootElement is var json && json.GetProperty("event").GetString() == "Applied")
                {
                    seen.TryAdd(json.GetProperty("version").GetInt64(), DateTimeOffset.Parse(json.GetProperty("at").GetString()!, CultureInfo.InvariantCulture));
                }
            }
        });
    }

    /// <summary>Waits until every subscriber has printed <paramref name="version"/>; returns the latest print time.</summary>
    public async Task<DateTimeOffset> WaitAllAsync(long version, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Applied.All(s => s.ContainsKey(version)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not every subscriber applied version {version}");
            }

            await Task.Delay(2, cancellationToken).ConfigureAwait(false);
        }

        return Applied.Max(s => s[version]);
    }

    /// <summary>
    /// When a source node reported <paramref name="version"/> applied (persisted, before fan-out) and how long its
    /// ReloadActor took (read → persisted), if it has yet.
    /// </summary>
    public (DateTimeOffset At, double ReloadMs)? SourceAppliedAt(long version)
    {
        foreach (var line in Sources.SelectMany(n => n.Stdout.ToArray()))
        {
            if (line.StartsWith('{') && line.Contains("\"ReloadSuccess\"", StringComparison.Ordinal)
                && JsonDocument.Parse(line).RootElement is var json
                && json.GetProperty("version").ValueKind == JsonValueKind.Number && json.GetProperty("version").GetInt64() == version)
            {
                return (DateTimeOffset.Parse(json.GetProperty("at").GetString()!, CultureInfo.InvariantCulture), json.GetProperty("reloadMs").GetDouble());
            }
        }

        return null;
    }

    /// <summary>
    /// Waits until every node reports every other node Up (the nodes print their membership view on stderr): a
    /// failover measured while a member is still Joining measures the split brain resolver's tie-break instead.
    /// </summary>
    public async Task WaitAllUpAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!_nodes.All(n => n.Stderr.Count(l => l.Contains(" cluster: up ", StringComparison.Ordinal)) >= _nodes.Count))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("not every node saw every member Up");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>When <paramref name="observer"/> printed <paramref name="change"/> (unreachable, downed, removed) for the node on <paramref name="port"/>.</summary>
    public static DateTimeOffset? MembershipChange(NodeProcess observer, string change, int port)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var marker = $" cluster: {change} ";
        var address = $":{port.ToString(CultureInfo.InvariantCulture)} ";
        var line = observer.Stderr.FirstOrDefault(l => l.Contains(marker, StringComparison.Ordinal) && l.Contains(address, StringComparison.Ordinal));
        return line is not null && TimeOnly.TryParseExact(line[..12], "HH:mm:ss.fff", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? new DateTimeOffset(DateOnly.FromDateTime(DateTime.UtcNow), time, TimeSpan.Zero)
            : null;
    }

    /// <summary>The source node that prints the topic's events (it hosts the ReloadActor).</summary>
    public NodeProcess Writer() =>
        Sources.FirstOrDefault(n => n.Stdout.Any(l => l.Contains("\"ReloadSuccess\"", StringComparison.Ordinal)))
        ?? throw new InvalidOperationException("no source node reported the topic yet");

    public void Dispose()
    {
        // HRC_BENCH_LOGS=<folder> keeps every node's stderr (with Logging__LogLevel__Default=Information, the
        // cluster's own account of a failover) for reading after the run.
        var logs = Environment.GetEnvironmentVariable("HRC_BENCH_LOGS");
        for (var i = 0; i < _nodes.Count; i++)
        {
            _nodes[i].Dispose();
            if (!string.IsNullOrEmpty(logs))
            {
                Directory.CreateDirectory(logs);
                File.WriteAllLines(Path.Combine(logs, $"{DateTime.UtcNow:HHmmss}-node{i}.log"), _nodes[i].Stderr.ToArray());
                File.WriteAllLines(Path.Combine(logs, $"{DateTime.UtcNow:HHmmss}-node{i}.out"), _nodes[i].Stdout.ToArray());
            }
        }
    }

    private string[] Common(int port, string roles, string data) =>
        ["--port", port.ToString(CultureInfo.InvariantCulture), "--roles", roles, "--journal", _journal, "--data", data, "--json", .. ExtraArgs, .. _seeds];

    private NodeProcess Start(string[] args, List<NodeProcess>? into, IReadOnlyList<string>? launcher = null)
    {
        var node = NodeProcess.Start(_folder, new Dictionary<string, string>(), launcher ?? [], args);
        _nodes.Add(node);
        into?.Add(node);
        return node;
    }
}
