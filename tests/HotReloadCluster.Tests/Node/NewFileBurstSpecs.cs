using System.Globalization;
using System.Text.Json;
using HotReloadCluster.Tests.Support;

namespace HotReloadCluster.Tests.Node;

/// <summary>
/// 2,000 files appearing at once under a node with its defaults (one-node cluster, sharded ReloadActors, the
/// embedded SQLite journal): every one becomes a topic with version 1 and nothing is lost. How fast is a figure of
/// the benchmark's scale-files scenario; this test only bounds it generously for a loaded CI machine.
/// </summary>
public sealed class NewFileBurstSpecs : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void TwoThousandNewFiles_OnTheDefaultSqliteJournal_AllBecomeTopicsAndApply()
    {
        const int files = 2_000;
        Directory.CreateDirectory(_temp.File("config"));
        using var node = NodeProcess.Start(_temp.Path, "--port", "0", "--watch", "config", "--data", "state", "--json");
        Directory.CreateDirectory(_temp.File("config/probe"));
        File.WriteAllText(_temp.File("config/probe/ready.yaml"), "ready: true\n");
        node.WaitForLine(l => l.Contains("\"probe/ready\"", StringComparison.Ordinal) && l.Contains("ReloadSuccess", StringComparison.Ordinal), TimeSpan.FromSeconds(60));

        for (var i = 0; i < files; i++)
        {
            var folder = _temp.File("config/g" + (i / 100).ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, $"f{i}.yaml"), $"id: {i}\n");
        }

        var applied = new HashSet<string>(StringComparer.Ordinal);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (applied.Count < files)
        {
            var line = node.Stdout.Take(cts.Token);
            var json = JsonDocument.Parse(line).RootElement;
            Assert.True(json.GetProperty("event").GetString() != "ReloadFailed", line);
            if (json.GetProperty("event").GetString() == "ReloadSuccess")
            {
                Assert.Equal(1, json.GetProperty("version").GetInt64());
                applied.Add(json.GetProperty("topic").GetString()!);
            }
        }

        Assert.DoesNotContain(node.Stderr, l => l.Contains("timed out", StringComparison.OrdinalIgnoreCase) || l.Contains("Failed to persist", StringComparison.Ordinal));
        Assert.Equal(0, node.Terminate(TimeSpan.FromSeconds(30)));
    }

    public void Dispose() => _temp.Dispose();
}
