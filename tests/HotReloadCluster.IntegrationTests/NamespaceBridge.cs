using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace HotReloadCluster.IntegrationTests;

/// <summary>
/// A network namespace created by the test, with its own loopback, joined to the host's loopback by a TCP proxy in this
/// process: inside the namespace it listens on the ports of the nodes outside (127.0.0.1:port) and forwards to them; on
/// the host it listens on the inside node's port and forwards in. A node started inside (<see cref="Launcher"/>) talks to
/// the others only through the proxy, so <see cref="Cut"/> partitions it from everyone, both ways, and
/// <see cref="Heal"/> ends the partition. Needs root (network namespaces, <c>setns</c>); all traffic stays on loopbacks.
/// </summary>
internal sealed partial class NamespaceBridge : IDisposable
{
    private const int CloneNewNet = 0x40000000;
    private readonly List<Socket> _listeners = [];
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly CancellationTokenSource _stop = new();
    private volatile bool _cut;

    /// <summary>What the proxy did that ended connections (for a failing test's diagnosis).</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    private NamespaceBridge(string name)
    {
        Namespace = name;
    }

    /// <summary>The namespace's name (under /var/run/netns).</summary>
    public string Namespace { get; }

    /// <summary>The launcher that runs a process inside the namespace (see NodeProcess.Start).</summary>
    public IReadOnlyList<string> Launcher => ["ip", "netns", "exec", Namespace];

    /// <summary>
    /// Creates the namespace and the proxy for a node inside listening on <paramref name="insidePort"/> that reaches the
    /// nodes outside on <paramref name="outsidePorts"/>.
    /// </summary>
    public static NamespaceBridge Create(int insidePort, IEnumerable<int> outsidePorts)
    {
        var bridge = new NamespaceBridge("hrc-" + Guid.NewGuid().ToString("N")[..10]);
        Run("ip", "netns", "add", bridge.Namespace);
        Run("ip", "netns", "exec", bridge.Namespace, "ip", "link", "set", "lo", "up");
        foreach (var port in outsidePorts)
        {
            // Inside the namespace, 127.0.0.1:port is the proxy to the node outside.
            bridge.Listen(bridge.InNamespace(() => Listener(port)), () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp), port);
        }

        // Outside, 127.0.0.1:insidePort (the address the inside node advertises) is the proxy to it.
        bridge.Listen(Listener(insidePort), () => bridge.InNamespace(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)), insidePort);
        return bridge;
    }

    /// <summary>Partitions the inside node: open connections are dropped, new ones are held without forwarding anything.</summary>
    public void Cut()
    {
        _cut = true;
        CloseAll();
    }

    /// <summary>Ends the partition: held connections are closed (both sides reconnect) and forwarding resumes.</summary>
    public void Heal()
    {
        CloseAll();
        _cut = false;
    }

    public void Dispose()
    {
        _stop.Cancel();
        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }

        CloseAll();
        Process.Start("ip", ["netns", "del", Namespace])?.WaitForExit();
        _stop.Dispose();
    }

    private static Socket Listener(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
        socket.Listen(64);
        return socket;
    }

    private void Listen(Socket listener, Func<Socket> upstreamSocket, int port)
    {
        _listeners.Add(listener);
        _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket client;
                try
                {
                    client = await listener.AcceptAsync(_stop.Token);
                }
                catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    Log.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} listener {port} stopped: {ex.GetType().Name}: {ex.Message}");
                    return;
                }

                _open[client] = 0;
                if (_cut)
                {
                    continue; // held: nothing goes through until Heal closes it
                }

                _ = ForwardAsync(client, upstreamSocket(), port);
            }
        });
    }

    private async Task ForwardAsync(Socket client, Socket upstream, int port)
    {
        _open[upstream] = 0;
        try
        {
            await upstream.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), _stop.Token);
            await Task.WhenAny(PumpAsync(client, upstream), PumpAsync(upstream, client));
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // a node went away, or the partition began
            Log.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} forward to {port}: {ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            Log.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} closed a connection to {port}");
            Close(client);
            Close(upstream);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token)) > 0)
            {
                if (_cut)
                {
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private void CloseAll()
    {
        foreach (var socket in _open.Keys.ToList())
        {
            Close(socket);
        }
    }

    private void Close(Socket socket)
    {
        _open.TryRemove(socket, out _);
        try
        {
            socket.Close(0);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Runs <paramref name="create"/> on a thread that entered the namespace: sockets it creates live there.</summary>
    private T InNamespace<T>(Func<T> create)
    {
        T result = default!;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle("/var/run/netns/" + Namespace);
                if (SetNs((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new InvalidOperationException("setns failed: errno " + Marshal.GetLastPInvokeError().ToString(CultureInfo.InvariantCulture));
                }

                result = create();
            }
#pragma warning disable CA1031 // rethrown on the calling thread
            catch (Exception ex)
#pragma warning restore CA1031
            {
                error = ex;
            }
        });
        thread.Start();
        thread.Join();
        return error is null ? result : throw new InvalidOperationException("cannot work inside namespace " + Namespace, error);
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int nstype);

    private static void Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true }) ?? throw new InvalidOperationException(file + " did not start");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {error}");
        }
    }
}
