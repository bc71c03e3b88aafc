using System.Net;
using System.Net.Sockets;

namespace HotReloadCluster.Tests.Support;

/// <summary>
/// A TCP proxy on loopback to one target (e.g. the shared PostgreSQL): a process pointed at it loses its server when the
/// proxy is cut — open connections are closed and new ones refused — while the server itself keeps serving other tests.
/// </summary>
internal sealed class TcpProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _connections = [];
    private readonly CancellationTokenSource _cut = new();

    public TcpProxy(string targetHost, int targetPort)
    {
        _target = new IPEndPoint(IPAddress.Parse(targetHost), targetPort);
        _listener.Start();
        _ = AcceptAsync();
    }

    /// <summary>The port to connect to instead of the target's.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Stops accepting and closes every open connection.</summary>
    public void Cut()
    {
        _cut.Cancel();
        _listener.Stop();
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }

            _connections.Clear();
        }
    }

    public void Dispose()
    {
        Cut();
        _cut.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_cut.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_cut.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        var server = new TcpClient();
        lock (_connections)
        {
            _connections.Add(client);
            _connections.Add(server);
        }

        try
        {
            await server.ConnectAsync(_target, _cut.Token);
            var up = client.GetStream().CopyToAsync(server.GetStream(), _cut.Token);
            var down = server.GetStream().CopyToAsync(client.GetStream(), _cut.Token);
            await Task.WhenAny(up, down);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // Cut, or one side closed: both sides are closed below.
        }
        finally
        {
            client.Dispose();
            server.Dispose();
        }
    }
}
