using System.Globalization;
using System.Text;
using Akka.Actor;
using HotReloadCluster.Core.Events;
using HotReloadCluster.Reloading;

namespace HotReloadCluster.Benchmarks;

/// <summary>
/// Read + parse + validate (with a JSON schema) + persist, for 1 KB, 100 KB and 1 MB YAML, on SQLite and
/// PostgreSQL: the ReloadActor's own reload_time_ms of each applied version.
/// </summary>
public sealed class ReloadTimeScenario : IScenario
{
    private const string Schema = """
        {"type":"object","additionalProperties":{"type":"object","required":["host","port"],
         "properties":{"host":{"type":"string"},"port":{"type":"integer","minimum":1,"maximum":65535},
         "weight":{"type":"number"},"enabled":{"type":"boolean"},"tags":{"type":"array","items":{"type":"string"}}}}}
        """;

    /// <inheritdoc />
    public string Name => "reload-time";

    /// <inheritdoc />
    public string Description => "read + parse + validate (JSON schema) + persist per size and journal";

    /// <inheritdoc />
    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var rows = new List<BenchmarkRow>();
        foreach (var store in new Func<BenchStore>[] { BenchStore.Sqlite, BenchStore.PostgreSql })
        {
            using var bench = store();
            foreach (var (label, bytes, runs) in new[] { ("1 KB", 1_000, quick ? 3 : 50), ("100 KB", 100_000, quick ? 3 : 30), ("1 MB", 1_000_000, quick ? 2 : 10) })
            {
                var summary = await MeasureAsync(bench, label.Replace(" ", string.Empty, StringComparison.Ordinal), bytes, runs, cancellationToken).ConfigureAwait(false);
                var configuration = $"{bench.Name}, {label} YAML";
                rows.Add(new BenchmarkRow(Name, configuration, "p50", summary.P50, "ms", label == "100 KB" ? "≤ 5 ms" : null));
                rows.Add(new BenchmarkRow(Name, configuration, "p99", summary.P99, "ms"));
                rows.Add(new BenchmarkRow(Name, configuration, "n", summary.Count, "reloads"));
            }
        }

        // Where the time goes, without actors or a journal: the pure steps on the same documents.
        foreach (var (label, bytes) in new[] { ("1 KB", 1_000), ("100 KB", 100_000), ("1 MB", 1_000_000) })
        {
            foreach (var (step, ms) in Breakdown(bytes, quick ? 2 : 10))
            {
                rows.Add(new BenchmarkRow(Name, $"breakdown, {label} YAML", step + " p50", ms, "ms"));
            }
        }

        return rows;
    }

    private static IEnumerable<(string Step, double Ms)> Breakdown(int bytes, int runs)
    {
        var folder = Path.Combine(Path.GetTempPath(), "hrc-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var schemaPath = Path.Combine(folder, "b.schema.json");
        File.WriteAllText(schemaPath, Schema);
        var content = Encoding.UTF8.GetBytes(Yaml(bytes, 1));
        var parser = new Core.Parsing.ConfigParser();
        var validator = Core.Validation.JsonSchemaConfigValidator.FromFile(schemaPath);
        var parse = new List<double>();
        var hash = new List<double>();
        var toJson = new List<double>();
        var validate = new List<double>();
        var substitute = new List<double>();
        var serialize = new List<double>();
        var env = Core.Substitution.EnvironmentVariableSource.Instance;
        for (var i = 0; i <= runs; i++)
        {
            var t0 = System.Diagnostics.Stopwatch.GetTimestamp();
            _ = Core.Hashing.ContentHash.Compute(content);
            var t1 = System.Diagnostics.Stopwatch.GetTimestamp();
            var document = parser.Parse(content, Core.Documents.ConfigFormat.Yaml).GetDocumentOrThrow();
            var t2 = System.Diagnostics.Stopwatch.GetTimestamp();
            _ = document.ToJsonNode()?.ToJsonString();
            var t3 = System.Diagnostics.Stopwatch.GetTimestamp();
            var result = validator.Validate(document);
            var t4 = System.Diagnostics.Stopwatch.GetTimestamp();
            _ = Core.Substitution.VariableSubstitution.Resolve(document, env);
            var t5 = System.Diagnostics.Stopwatch.GetTimestamp();
            _ = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new ConfigApplied("b", 1, Encoding.UTF8.GetString(content), Core.Documents.ConfigFormat.Yaml, "sha256:0", ConfigOrigin.File("/b.yaml"), DateTimeOffset.UtcNow));
            var t6 = System.Diagnostics.Stopwatch.GetTimestamp();
            if (!result.IsValid)
            {
                throw new InvalidOperationException("benchmark document is invalid: " + result.Errors[0]);
            }

            if (i > 0)
            {
                hash.Add(System.Diagnostics.Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
                parse.Add(System.Diagnostics.Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
                toJson.Add(System.Diagnostics.Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds);
                validate.Add(System.Diagnostics.Stopwatch.GetElapsedTime(t3, t4).TotalMilliseconds);
                substitute.Add(System.Diagnostics.Stopwatch.GetElapsedTime(t4, t5).TotalMilliseconds);
                serialize.Add(System.Diagnostics.Stopwatch.GetElapsedTime(t5, t6).TotalMilliseconds);
            }
        }

        Directory.Delete(folder, recursive: true);
        yield return ("hash", LatencySummary.Of(hash).P50);
        yield return ("parse", LatencySummary.Of(parse).P50);
        yield return ("to JSON", LatencySummary.Of(toJson).P50);
        yield return ("schema validate (incl. to JSON)", LatencySummary.Of(validate).P50);
        yield return ("substitute", LatencySummary.Of(substitute).P50);
        yield return ("serialize event", LatencySummary.Of(serialize).P50);
    }

    private static async Task<LatencySummary> MeasureAsync(BenchStore bench, string topic, int bytes, int runs, CancellationToken cancellationToken)
    {
        var file = Path.Combine(bench.Folder, topic + ".yaml");
        await File.WriteAllTextAsync(Path.Combine(bench.Folder, topic + ".schema.json"), Schema, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(file, Yaml(bytes, 0), cancellationToken).ConfigureAwait(false);
        using var system = bench.CreateSystem();
        var events = new EventCollector(system);
        var actor = system.ActorOf(ReloadActor.Props(topic, file, new ReloadSettings()));
        events.Next(ReloadEventType.ReloadSuccess, topic);

        var samples = new List<double>(runs);
        for (var i = 1; i <= runs; i++)
        {
            await File.WriteAllTextAsync(file, Yaml(bytes, i), cancellationToken).ConfigureAwait(false);
            actor.Tell(new ReloadRequested(topic, file, ReloadTrigger.FileChanged));
            var success = events.Next(ReloadEventType.ReloadSuccess, topic);
            samples.Add(success.ReloadTime?.TotalMilliseconds ?? throw new InvalidOperationException("no reload_time_ms"));
        }

        await system.Terminate().ConfigureAwait(false);
        return LatencySummary.Of(samples);
    }

    /// <summary>A YAML document of about <paramref name="bytes"/> bytes; <paramref name="revision"/> changes its hash.</summary>
    public static string Yaml(int bytes, int revision)
    {
        var yaml = new StringBuilder().Append(CultureInfo.InvariantCulture, $"revision_{revision}:\n  host: \"r\"\n  port: 1\n");
        for (var i = 0; yaml.Length < bytes; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"service_{i}:\n  host: \"host-{i}.internal\"\n  port: {1000 + (i % 60000)}\n  weight: {i / 7.0}\n  enabled: true\n  tags: [a, b]\n");
        }

        return yaml.ToString();
    }
}
