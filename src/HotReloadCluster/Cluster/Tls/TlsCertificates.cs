using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace HotReloadCluster.Cluster.Tls;

/// <summary>
/// The loaded TLS material of one process: its own certificate (with private key), the certificates it sends along
/// (intermediates), and the cluster's CA certificates that every peer's certificate must chain to.
/// <see cref="TlsCertificateLoader"/> makes a checked instance from files; this constructor checks nothing beyond
/// presence, for certificates an application already holds.
/// </summary>
public sealed class TlsCertificates
{
    /// <summary>Material from certificates already in memory.</summary>
    /// <param name="certificate">This process's certificate, with its private key.</param>
    /// <param name="authorities">The cluster's CA certificates (at least one): the only trust roots for peers.</param>
    /// <param name="validateHostname">See <see cref="TlsOptions.ValidateHostname"/>.</param>
    /// <param name="intermediates">Certificates between <paramref name="certificate"/> and a CA, if any.</param>
    public TlsCertificates(
        X509Certificate2 certificate,
        IEnumerable<X509Certificate2> authorities,
        bool validateHostname = false,
        IEnumerable<X509Certificate2>? intermediates = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(authorities);
        Certificate = certificate;
        Authorities = [.. authorities];
        if (Authorities.IsEmpty)
        {
            throw new ArgumentException("At least one CA certificate is needed.", nameof(authorities));
        }

        Intermediates = intermediates is null ? [] : [.. intermediates];
        ValidateHostname = validateHostname;
    }

    /// <summary>This process's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The cluster's CA certificates: a peer is accepted only when its certificate chains to one of them.</summary>
    public ImmutableArray<X509Certificate2> Authorities { get; }

    /// <summary>
    /// Certificates between <see cref="Certificate"/> and a CA (may be empty): they complete the check of
    /// <see cref="Certificate"/> at start; the handshake does not send them, so peers need them in their CA file.
    /// </summary>
    public ImmutableArray<X509Certificate2> Intermediates { get; }

    /// <summary>Whether outgoing connections also check the peer's host name (see <see cref="TlsOptions.ValidateHostname"/>).</summary>
    public bool ValidateHostname { get; }

    /// <summary>A one-line description (subjects, thumbprint, expiry), without secrets.</summary>
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"certificate {Certificate.Subject} (sha1 {Certificate.Thumbprint}, valid until {Certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC); CA {string.Join(" | ", Authorities.Select(a => a.Subject))}; hostname check {(ValidateHostname ? "on" : "off")}");
}
