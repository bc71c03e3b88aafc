using System.Globalization;

namespace HotReloadCluster.Node;

/// <summary>
/// Signal dispositions this process inherited. A shell without job control (a script's <c>node &amp;</c>) starts its
/// background commands with SIGINT and SIGQUIT ignored, and an ignored signal stays ignored across <c>exec</c> and every
/// child process; .NET then installs no SIGINT handler, so neither Ctrl+C nor <c>kill -INT</c> reaches the node. That is
/// the POSIX convention for background jobs and the node keeps it, but says so once at startup: an operator who sends
/// SIGINT to such a node and sees nothing happen would otherwise have no clue (SIGTERM still stops it).
/// </summary>
internal static class InheritedSignals
{
    private const int SigInt = 2;

    /// <summary>True when this process started with SIGINT ignored (Linux: read from <c>/proc/self/status</c>).</summary>
    public static bool InterruptIgnored() => InterruptIgnored("/proc/self/status");

    /// <summary>True when the <c>SigIgn</c> mask in a <c>/proc/&lt;pid&gt;/status</c> file has SIGINT set.</summary>
    internal static bool InterruptIgnored(string statusPath)
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(statusPath))
        {
            return false;
        }

        foreach (var line in File.ReadLines(statusPath))
        {
            if (line.StartsWith("SigIgn:", StringComparison.Ordinal)
                && ulong.TryParse(line.AsSpan("SigIgn:".Length).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var mask))
            {
                return (mask & (1UL << (SigInt - 1))) != 0;
            }
        }

        return false;
    }

    /// <summary>The warning printed at startup when SIGINT is ignored.</summary>
    public const string Warning =
        "warning: SIGINT is ignored by this process (inherited from whatever started it, e.g. a script's `node &`), so Ctrl+C and kill -INT do not stop it; SIGTERM does (or start it with `env --default-signal=INT`, coreutils 8.31+)";
}
