using System.Net;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Remote.Transport.DotNetty;

namespace HotReloadCluster.Cluster.Tls;

/// <summary>
/// Turns <see cref="TlsCertificates"/> into Akka.Remote's TLS: the HOCON that switches the DotNetty transport to TLS
/// (addresses become <c>akka.ssl.tcp://…</c>) and the <see cref="DotNettySslSetup"/> with the certificate, mutual
/// authentication and <see cref="CaChainValidator"/> as the only judge of peers. Used by the node (through
/// Akka.Hosting), <c>hrc</c> and the tests.
/// </summary>
public static class TlsRemoting
{
    /// <summary>The address protocol of plain remoting.</summary>
    public const string PlainProtocol = "akka.tcp";

    /// <summary>The address protocol of remoting over TLS.</summary>
    public const string TlsProtocol = "akka.ssl.tcp";

    /// <summary>
    /// The HOCON that turns TLS on. The certificate and validation come from <see cref="SslSetup"/>, which must be
    /// given to the ActorSystem too: this HOCON alone names no certificate.
    /// </summary>
    public static Config Hocon { get; } = ConfigurationFactory.ParseString("""
        akka.remote.dot-netty.tcp {
          enable-ssl = true
          ssl {
            suppress-validation = false
            require-mutual-authentication = true
          }
        }
        """);

    /// <summary>The address protocol for remoting with (or, when null, without) <paramref name="tls"/>.</summary>
    public static string Protocol(TlsCertificates? tls) => tls is null ? PlainProtocol : TlsProtocol;

    /// <summary>
    /// The remoting TLS setup: this process's certificate, mutual authentication required, chain validation by
    /// <see cref="CaChainValidator.Callback"/> against the cluster's CA only.
    /// </summary>
    /// <param name="tls">The loaded material.</param>
    /// <param name="time">The clock for validity periods; null means the system clock.</param>
    public static DotNettySslSetup SslSetup(TlsCertificates tls, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(tls);
        return new DotNettySslSetup(
            tls.Certificate,
            suppressValidation: false,
            requireMutualAuthentication: true,
            validateCertificateHostname: tls.ValidateHostname,
            customValidator: CaChainValidator.Callback(tls, time));
    }

    /// <summary>
    /// The setup for <c>ActorSystem.Create</c> outside Akka.Hosting: <paramref name="config"/>, and with
    /// <paramref name="tls"/> also <see cref="Hocon"/> (taking precedence) and <see cref="SslSetup"/>.
    /// </summary>
    public static ActorSystemSetup ActorSystemSetup(Config config, TlsCertificates? tls)
    {
        ArgumentNullException.ThrowIfNull(config);
        var bootstrap = BootstrapSetup.Create().WithConfig(tls is null ? config : Hocon.WithFallback(config));
        return tls is null ? Akka.Actor.Setup.ActorSystemSetup.Create(bootstrap) : bootstrap.And(SslSetup(tls));
    }

    /// <summary>
    /// <paramref name="address"/> with its protocol set to the one of <paramref name="tls"/>: <c>akka.tcp://…</c> and
    /// <c>akka.ssl.tcp://…</c> name the same node, and a process can only speak the protocol it runs.
    /// </summary>
    public static string WithProtocol(string address, TlsCertificates? tls)
    {
        ArgumentNullException.ThrowIfNull(address);
        var protocol = Protocol(tls);
        foreach (var known in new[] { TlsProtocol, PlainProtocol })
        {
            if (address.StartsWith(known + "://", StringComparison.Ordinal))
            {
                return protocol + address[known.Length..];
            }
        }

        return address;
    }

    /// <summary>
    /// The warning for a process that listens on <paramref name="hostname"/> without TLS, or null when the address is
    /// loopback (<c>localhost</c>, 127.0.0.0/8, ::1), which nothing outside the machine reaches.
    /// </summary>
    public static string? PlainTextWarning(string hostname)
    {
        ArgumentNullException.ThrowIfNull(hostname);
        var host = hostname.Trim().Trim('[', ']');
        var loopback = host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
        return loopback
            ? null
            : $"remoting listens on {hostname} without TLS: anyone who reaches this port can join the cluster and read its configuration; give {TlsOptions.CertificateFlag}, {TlsOptions.CaFlag} (and {TlsOptions.KeyFlag} for PEM) or the HOTRELOAD_TLS__* settings";
    }
}
