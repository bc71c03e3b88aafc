using System.Text;

namespace HotReloadCluster.Cluster.Tls;

/// <summary>
/// Where this process's TLS certificate, its key and the cluster's CA are, as the user gave them (paths, not yet
/// loaded). <see cref="TlsCertificateLoader.Load"/> checks and loads them into <see cref="TlsCertificates"/>. All
/// empty means plain TCP; anything set means mutual TLS, and then the certificate and the CA are both required.
/// </summary>
public sealed record TlsOptions
{
    /// <summary>The flag for <see cref="CertificatePath"/> (node and <c>hrc</c>).</summary>
    public const string CertificateFlag = "--tls-cert";

    /// <summary>The flag for <see cref="KeyPath"/> (node and <c>hrc</c>).</summary>
    public const string KeyFlag = "--tls-key";

    /// <summary>The flag for <see cref="CaPath"/> (node and <c>hrc</c>).</summary>
    public const string CaFlag = "--tls-ca";

    /// <summary>The environment variable for <see cref="CertificatePath"/>.</summary>
    public const string CertificateVariable = "HOTRELOAD_TLS__CERT";

    /// <summary>The environment variable for <see cref="KeyPath"/>.</summary>
    public const string KeyVariable = "HOTRELOAD_TLS__KEY";

    /// <summary>The environment variable for <see cref="CaPath"/>.</summary>
    public const string CaVariable = "HOTRELOAD_TLS__CA";

    /// <summary>The environment variable for <see cref="Password"/> (there is no flag for it).</summary>
    public const string PasswordVariable = "HOTRELOAD_TLS__PASSWORD";

    /// <summary>The environment variable for <see cref="ValidateHostname"/>.</summary>
    public const string ValidateHostnameVariable = "HOTRELOAD_TLS__VALIDATEHOSTNAME";

    /// <summary>
    /// This process's certificate: a PKCS#12 file (<c>.pfx</c>/<c>.p12</c>, with its key, password in
    /// <see cref="Password"/>) or a PEM certificate (key in <see cref="KeyPath"/>, or in the same file). Further
    /// certificates after the first (intermediates) only complete the check at start: the handshake sends this
    /// certificate alone, so with an intermediate CA, put it into every process's CA file (<see cref="CaPath"/>).
    /// </summary>
    public string? CertificatePath { get; init; }

    /// <summary>The PEM private key of a PEM <see cref="CertificatePath"/>; not used with a PFX.</summary>
    public string? KeyPath { get; init; }

    /// <summary>
    /// The cluster's CA certificate (PEM, possibly several, or DER). Peers must present a certificate that chains to
    /// one of them; the operating system's trust store is not used.
    /// </summary>
    public string? CaPath { get; init; }

    /// <summary>
    /// The PFX password (or the password of an encrypted PEM key). From an environment variable or a settings file
    /// only, never a flag; never printed.
    /// </summary>
    public string? Password { get; init; }

    /// <summary>
    /// Also check, on outgoing connections, that the peer's certificate names the host it was reached at (CN/SAN).
    /// Default false: clusters addressed by IP or by container names rarely have matching names, and the CA check
    /// already decides who belongs.
    /// </summary>
    public bool ValidateHostname { get; init; }

    /// <summary>Whether any TLS setting is given (then TLS is on, and must be complete).</summary>
    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(CertificatePath)
        || !string.IsNullOrWhiteSpace(KeyPath)
        || !string.IsNullOrWhiteSpace(CaPath)
        || !string.IsNullOrEmpty(Password);

    /// <summary>The members, with the password shown only as set or not.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("CertificatePath = ").Append(CertificatePath)
            .Append(", KeyPath = ").Append(KeyPath)
            .Append(", CaPath = ").Append(CaPath)
            .Append(", Password = ").Append(string.IsNullOrEmpty(Password) ? "(none)" : "(set)")
            .Append(", ValidateHostname = ").Append(ValidateHostname);
        return true;
    }
}
