using System.Text.Json;

namespace HotReloadCluster.Admin.Tests.Support;

/// <summary>What one hrc run printed and returned.</summary>
public sealed record HrcResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public string All => Stdout + Stderr;

    /// <summary>stdout as the one JSON document --json prints.</summary>
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Stdout);
        return document.RootElement.Clone();
    }

    public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalSeconds:0.0} s\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
