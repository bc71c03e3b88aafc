using System.Globalization;
using System.Net;

namespace HotReloadCluster.Node;

/// <summary>Where the node's HTTP endpoint listens (<c>--http host:port</c>).</summary>
/// <param name="Host">An IP address, <c>localhost</c>, or <c>*</c> (every interface).</param>
/// <param name="Port">The TCP port, 1 to 65535.</param>
internal sealed record HttpEndpoint(string Host, int Port)
{
    /// <summary>
    /// Parses <c>host:port</c>: host an IPv4 address, a bracketed IPv6 address (<c>[::1]:8080</c>), <c>localhost</c> or
    /// <c>*</c>; port 1 to 65535. Other host names are refused: a name would be resolved once, silently, to some address.
    /// </summary>
    public static bool TryParse(string? text, out HttpEndpoint? endpoint)
    {
        endpoint = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }

        var host = text[..colon];
        if (!int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return false;
        }

        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            if (!IPAddress.TryParse(host[1..^1], out var v6) || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                return false;
            }
        }
        // Only the canonical dotted quad: .NET also accepts "0" (0.0.0.0, every interface), "10.1" (10.0.0.1), octal
        // "010.0.0.1" (8.0.0.1) and hex, which would bind somewhere else than the operator wrote.
        else if (host is not ("*" or "localhost") && !(IPAddress.TryParse(host, out var v4)
            && v4.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            && string.Equals(v4.ToString(), host, StringComparison.Ordinal)))
        {
            return false;
        }

        endpoint = new HttpEndpoint(host, port);
        return true;
    }

    /// <summary>Binds Kestrel to this endpoint.</summary>
    public void Listen(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        switch (Host)
        {
            case "*":
                kestrel.ListenAnyIP(Port);
                break;
            case "localhost":
                kestrel.ListenLocalhost(Port);
                break;
            default:
                kestrel.Listen(IPAddress.Parse(Host.Trim('[', ']')), Port);
                break;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Host + ":" + Port.ToString(CultureInfo.InvariantCulture);
}
