using Akka.Hosting;
using HotReloadCluster.Cluster.Tls;

namespace HotReloadCluster.Hosting;

/// <summary>Akka.Hosting setup for mutual TLS on remoting.</summary>
public static class TlsHostingExtensions
{
    /// <summary>
    /// Switches remoting to TLS with mutual authentication: this ActorSystem presents
    /// <see cref="TlsCertificates.Certificate"/> and accepts only peers whose certificate chains to one of
    /// <see cref="TlsCertificates.Authorities"/> (<see cref="CaChainValidator"/>). Adds <see cref="TlsRemoting.Hocon"/>
    /// and the <see cref="TlsRemoting.SslSetup"/> to the builder; addresses become <c>akka.ssl.tcp://…</c>.
    /// </summary>
    public static AkkaConfigurationBuilder WithHotReloadTls(this AkkaConfigurationBuilder builder, TlsCertificates tls)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(tls);
        builder.AddHocon(TlsRemoting.Hocon, HoconAddMode.Prepend);
        builder.AddSetup(TlsRemoting.SslSetup(tls));
        return builder;
    }
}
