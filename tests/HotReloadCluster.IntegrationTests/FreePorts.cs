using System.Net;
using System.Net.Sockets;

namespace HotReloadCluster.IntegrationTests;

/// <summary>
/// Ports for processes a test starts and must know the port of beforehand. Taken at random below Linux's ephemeral
/// range (32768–60999): a port that the kernel hands out for "port 0" (to every other test's listeners and outgoing
/// connections) is free when checked and may be taken a moment later, before the process under test binds it.
/// </summary>
internal static class FreePorts
{
    private const int First = 20_000;
    private const int Last = 32_000;

    /// <summary>A TCP port on 127.0.0.1, below the ephemeral range, that was free a moment ago.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(First, Last);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken: try another
            }
        }

        throw new InvalidOperationException($"no free port between {First} and {Last} on 127.0.0.1");
    }
}
