using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace HotReloadCluster.Benchmarks;

/// <summary>
/// The peer: Microsoft.Extensions.Configuration's JSON provider with reloadOnChange, file write → reload
/// callback, one write at a time. Its reload reads whatever is in the file then (it has no validation).
/// </summary>
public static class PeerLatency
{
    public static async Task<LatencySummary> MeasureAsync(int writes, int reloadDelayMs, CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(Path.GetTempPath(), "hrc-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var file = Path.Combine(folder, "settings.json");
            await File.WriteAllTextAsync(file, Content(0), cancellationToken).ConfigureAwait(false);
            using var provider = new PhysicalFileProvider(folder);
            var configuration = new ConfigurationBuilder()
                .Add(new JsonConfigurationSource { Path = "settings.json", ReloadOnChange = true, ReloadDelay = reloadDelayMs, Optional = false, FileProvider = provider })
                .Build();
            var reloads = new BlockingCollection<(string? Revision, long At)>();
            using var registration = ChangeToken.OnChange(configuration.GetReloadToken, () => reloads.Add((configuration["service:revision"], Stopwatch.GetTimestamp())));

            var samples = new List<double>(writes);
            for (var i = 1; i <= writes; i++)
            {
                var expected = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var start = Stopwatch.GetTimestamp();
                await File.WriteAllTextAsync(file, Content(i), cancellationToken).ConfigureAwait(false);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(30));
                while (true)
                {
                    // It may fire twice per save; the sample is the first callback that sees the new value.
                    var (revision, at) = reloads.Take(timeout.Token);
                    if (revision == expected)
                    {
                        samples.Add(Stopwatch.GetElapsedTime(start, at).TotalMilliseconds);
                        break;
                    }
                }

                await Task.Delay(reloadDelayMs + 20, cancellationToken).ConfigureAwait(false);
                while (reloads.TryTake(out _))
                {
                }
            }

            return LatencySummary.Of(samples);
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string Content(int i) =>
        "{\"service\": {\"name\": \"bench\", \"revision\": \"" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)
        + "\", \"limits\": {\"rps\": " + (100 + i).ToString(System.Globalization.CultureInfo.InvariantCulture) + "}}}";
}
