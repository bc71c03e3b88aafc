using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using Akka.Remote.Transport.DotNetty;

namespace HotReloadCluster.Cluster.Tls;

/// <summary>
/// Decides whether a certificate belongs to the cluster: it must chain to one of the cluster's CA certificates
/// (custom root trust: the operating system's store plays no part), every certificate in the chain must be within
/// its validity period, and it must carry a key usable for TLS (RSA of at least 2048 bits or ECDSA; a key usage
/// extension, if any, allowing digital signatures; an extended key usage, if any, allowing both TLS server and client
/// authentication, since every remoting endpoint is both). Revocation is not checked (no CRL/OCSP infrastructure is
/// assumed; keep certificates short-lived instead), and nothing is downloaded.
/// </summary>
public static class CaChainValidator
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";
    private const string AnyExtendedKeyUsage = "2.5.29.37.0";

    /// <summary>
    /// Why <paramref name="certificate"/> is not accepted at <paramref name="at"/>, or null when it chains to one of
    /// <paramref name="authorities"/> and carries a usable key.
    /// </summary>
    /// <param name="certificate">The certificate to check.</param>
    /// <param name="authorities">The only trust roots.</param>
    /// <param name="intermediates">Further certificates that may complete the chain (not trusted by themselves).</param>
    /// <param name="at">The time the validity periods are checked at.</param>
    public static string? Check(
        X509Certificate2 certificate,
        IReadOnlyCollection<X509Certificate2> authorities,
        IEnumerable<X509Certificate2>? intermediates,
        DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(authorities);
        if (authorities.Count == 0)
        {
            return "no CA certificate to check it against";
        }

        if (CheckUsage(certificate) is { } usage)
        {
            return usage;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities.ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.NoFlag;
        chain.ChainPolicy.VerificationTime = at.LocalDateTime;
        foreach (var extra in intermediates ?? [])
        {
            chain.ChainPolicy.ExtraStore.Add(extra);
        }

        if (!chain.Build(certificate))
        {
            return Describe(certificate, chain, at);
        }

        var root = chain.ChainElements[^1].Certificate;
        return authorities.Any(a => a.RawDataMemory.Span.SequenceEqual(root.RawDataMemory.Span))
            ? null
            : $"its chain ends at {root.Subject}, which is not one of the cluster's CA certificates";
    }

    /// <summary>Why the key of <paramref name="certificate"/> is not usable for remoting TLS, or null when it is.</summary>
    public static string? CheckUsage(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using (var rsa = certificate.GetRSAPublicKey())
        using (var ecdsa = certificate.GetECDsaPublicKey())
        {
            if (rsa is null && ecdsa is null)
            {
                return $"its public key ({certificate.PublicKey.Oid.FriendlyName ?? certificate.PublicKey.Oid.Value}) is neither RSA nor ECDSA";
            }

            if (rsa is { KeySize: < 2048 })
            {
                return string.Create(CultureInfo.InvariantCulture, $"its RSA key has {rsa.KeySize} bits (at least 2048 are needed)");
            }
        }

        foreach (var extension in certificate.Extensions)
        {
            switch (extension)
            {
                case X509KeyUsageExtension keyUsage when (keyUsage.KeyUsages & X509KeyUsageFlags.DigitalSignature) == 0:
                    return $"its key usage ({keyUsage.KeyUsages}) does not allow digital signatures";
                case X509EnhancedKeyUsageExtension enhanced:
                    var purposes = enhanced.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value).ToHashSet(StringComparer.Ordinal);
                    if (!purposes.Contains(AnyExtendedKeyUsage) && !(purposes.Contains(ServerAuthentication) && purposes.Contains(ClientAuthentication)))
                    {
                        return "its extended key usage does not allow both TLS server and client authentication (serverAuth, clientAuth)";
                    }

                    break;
            }
        }

        return null;
    }

    /// <summary>
    /// The remoting callback for <paramref name="tls"/>: accepts a peer only when <see cref="Check"/> passes (and, with
    /// <see cref="TlsCertificates.ValidateHostname"/>, when the TLS layer found no host name mismatch); logs every
    /// refusal as a warning naming the peer and the reason.
    /// </summary>
    /// <param name="tls">The trust roots and the hostname choice.</param>
    /// <param name="time">The clock for validity periods; null means the system clock.</param>
    public static CertificateValidationCallback Callback(TlsCertificates tls, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(tls);
        var clock = time ?? TimeProvider.System;
        var authorities = tls.Authorities;
        var validateHostname = tls.ValidateHostname;
        return (certificate, chain, remote, errors, log) =>
        {
            string? reason;
            if (certificate is null)
            {
                reason = "it presented no certificate";
            }
            else
            {
                var presented = chain is null
                    ? []
                    : chain.ChainPolicy.ExtraStore.Cast<X509Certificate2>().Concat(chain.ChainElements.Skip(1).Select(e => e.Certificate));
                reason = Check(certificate, authorities, presented, clock.GetUtcNow());
                if (reason is null && validateHostname && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
                {
                    reason = "its names do not match the host it was reached at (hostname validation is on)";
                }
            }

            if (reason is null)
            {
                return true;
            }

            log?.Warning("TLS: refused the certificate of {0} ({1}): {2}", remote, certificate?.Subject ?? "none", reason);
            return false;
        };
    }

    private static string Describe(X509Certificate2 certificate, X509Chain chain, DateTimeOffset at)
    {
        var flags = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
        var elements = chain.ChainElements;
        for (var i = 0; i < elements.Count; i++)
        {
            var element = elements[i];
            var status = element.ChainElementStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
            if ((status & X509ChainStatusFlags.NotTimeValid) != 0)
            {
                var which = i == 0 ? "it" : "its issuer " + element.Certificate.Subject;
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $"{which} is {(element.Certificate.NotAfter.ToUniversalTime() < at.UtcDateTime ? "expired" : "not yet valid")} (valid {element.Certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm:ss} to {element.Certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC)");
            }
        }

        if ((flags & (X509ChainStatusFlags.PartialChain | X509ChainStatusFlags.UntrustedRoot)) != 0)
        {
            return $"it is not issued by the cluster's CA (issuer {certificate.Issuer})";
        }

        if ((flags & X509ChainStatusFlags.NotSignatureValid) != 0)
        {
            return "a signature in its chain does not verify";
        }

        var details = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal));
        return $"its chain does not verify ({flags}{(details.Length > 0 ? ": " + details : string.Empty)})";
    }
}
