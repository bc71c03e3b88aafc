using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace HotReloadCluster.Cluster.Tls;

/// <summary>
/// Loads and checks <see cref="TlsOptions"/>: a PFX with its password, or a PEM certificate with its PEM key (from
/// <see cref="TlsOptions.KeyPath"/> or the same file, encrypted keys with <see cref="TlsOptions.Password"/>), and the
/// CA certificate(s) from a PEM or DER file. Refuses, with a one-line <see cref="TlsConfigurationException"/>, any
/// half-configuration (certificate without CA, CA without certificate, PFX without password, PEM without key) and any
/// certificate this process could not successfully use: unreadable, expired or not yet valid, without a usable private
/// key, or not chaining to the given CA (peers would refuse it).
/// </summary>
public static class TlsCertificateLoader
{
    private const int MaxFileBytes = 1 << 20;
    private const string PemMarker = "-----BEGIN ";

    /// <summary>Loads and checks the material of <paramref name="options"/>.</summary>
    /// <param name="options">The paths and password.</param>
    /// <param name="time">The clock for validity periods; null means the system clock.</param>
    /// <exception cref="TlsConfigurationException">Something is missing, unreadable or unusable; the message says what.</exception>
    public static TlsCertificates Load(TlsOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var certificatePath = Given(options.CertificatePath);
        var keyPath = Given(options.KeyPath);
        var caPath = Given(options.CaPath);
        if (certificatePath is null)
        {
            throw new TlsConfigurationException(options.IsConfigured
                ? $"TLS is half-configured: a CA, key or password is set but no certificate; give this process's certificate with {TlsOptions.CertificateFlag} <pfx|pem> or {TlsOptions.CertificateVariable}"
                : $"TLS is not configured: give {TlsOptions.CertificateFlag} and {TlsOptions.CaFlag}");
        }

        if (caPath is null)
        {
            throw new TlsConfigurationException(
                $"TLS is half-configured: certificate '{certificatePath}' is set but no CA; give the cluster's CA certificate with {TlsOptions.CaFlag} <pem> or {TlsOptions.CaVariable} (peers are checked against it, not against the system's trust store)");
        }

        var certificateBytes = Read(certificatePath, "certificate");
        var (certificate, intermediates) = LooksLikePem(certificateBytes)
            ? LoadPem(Encoding.UTF8.GetString(certificateBytes), certificatePath, keyPath, options.Password)
            : LoadPkcs12(certificateBytes, certificatePath, keyPath, options.Password);
        var now = (time ?? TimeProvider.System).GetUtcNow();
        var authorities = LoadAuthorities(caPath, now);
        CheckOwn(certificate, certificatePath, intermediates, authorities, caPath, now);
        return new TlsCertificates(certificate, authorities, options.ValidateHostname, intermediates);
    }

    private static (X509Certificate2 Certificate, List<X509Certificate2> Intermediates) LoadPem(string text, string path, string? keyPath, string? password)
    {
        var all = new X509Certificate2Collection();
        try
        {
            all.ImportFromPem(text);
        }
        catch (CryptographicException ex)
        {
            throw new TlsConfigurationException($"TLS certificate '{path}' is not a readable PEM certificate: {OneLine(ex.Message)}", ex);
        }

        if (all.Count == 0)
        {
            throw new TlsConfigurationException($"TLS certificate '{path}' holds no PEM CERTIFICATE block");
        }

        string keyText;
        if (keyPath is not null)
        {
            keyText = Encoding.UTF8.GetString(Read(keyPath, "key"));
        }
        else if (text.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            keyText = text;
        }
        else
        {
            throw new TlsConfigurationException(
                $"TLS is half-configured: PEM certificate '{path}' needs its private key; give it with {TlsOptions.KeyFlag} <pem> or {TlsOptions.KeyVariable} (or put it in the same file)");
        }

        var keyName = keyPath ?? path;
        var encrypted = keyText.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal);
        if (!keyText.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            throw new TlsConfigurationException($"TLS key '{keyName}' holds no PEM PRIVATE KEY block");
        }

        if (encrypted && string.IsNullOrEmpty(password))
        {
            throw new TlsConfigurationException($"TLS key '{keyName}' is encrypted: set its password in {TlsOptions.PasswordVariable} (or HotReload:Tls:Password); it is never a flag");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = encrypted
                ? X509Certificate2.CreateFromEncryptedPem(text, keyText, password)
                : X509Certificate2.CreateFromPem(text, keyText);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new TlsConfigurationException(
                $"TLS certificate '{path}' cannot be loaded with key '{keyName}' (does the key belong to the certificate{(encrypted ? ", is the password right" : string.Empty)}?): {OneLine(ex.Message)}",
                ex);
        }

        if (OperatingSystem.IsWindows())
        {
            // SChannel cannot serve TLS with the ephemeral key a PEM import gives; a PKCS#12 round trip persists it.
            using var ephemeral = certificate;
            certificate = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
        }

        return (certificate, [.. all.Skip(1)]);
    }

    private static (X509Certificate2 Certificate, List<X509Certificate2> Intermediates) LoadPkcs12(byte[] bytes, string path, string? keyPath, string? password)
    {
        var kind = X509Certificate2.GetCertContentType(bytes);
        if (kind == X509ContentType.Cert)
        {
            throw new TlsConfigurationException(
                $"TLS certificate '{path}' is a DER certificate without a private key: give a PFX, or a PEM certificate with {TlsOptions.KeyFlag}");
        }

        if (kind != X509ContentType.Pkcs12)
        {
            throw new TlsConfigurationException($"TLS certificate '{path}' is neither a PEM certificate nor a PKCS#12 (PFX) file");
        }

        if (keyPath is not null)
        {
            throw new TlsConfigurationException(
                $"TLS key '{keyPath}' is only for a PEM certificate; the PFX '{path}' carries its own key (drop {TlsOptions.KeyFlag} / {TlsOptions.KeyVariable})");
        }

        if (string.IsNullOrEmpty(password))
        {
            throw new TlsConfigurationException(
                $"TLS is half-configured: '{path}' is a PFX file and needs its password in {TlsOptions.PasswordVariable} (or HotReload:Tls:Password); it is never a flag");
        }

        X509Certificate2Collection all;
        try
        {
            all = X509CertificateLoader.LoadPkcs12Collection(bytes, password, X509KeyStorageFlags.DefaultKeySet);
        }
        catch (CryptographicException ex)
        {
            throw new TlsConfigurationException($"TLS certificate '{path}' cannot be opened: wrong password or a damaged PFX ({OneLine(ex.Message)})", ex);
        }

        var certificate = all.FirstOrDefault(c => c.HasPrivateKey)
            ?? throw new TlsConfigurationException($"TLS certificate '{path}' holds no certificate with a private key");
        return (certificate, [.. all.Where(c => !ReferenceEquals(c, certificate) && !c.HasPrivateKey)]);
    }

    private static List<X509Certificate2> LoadAuthorities(string path, DateTimeOffset now)
    {
        var bytes = Read(path, "CA certificate");
        var authorities = new List<X509Certificate2>();
        if (LooksLikePem(bytes))
        {
            var text = Encoding.UTF8.GetString(bytes);
            if (text.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
            {
                throw new TlsConfigurationException($"TLS CA file '{path}' contains a private key: give only the CA certificate (keep the CA's key away from the nodes)");
            }

            var all = new X509Certificate2Collection();
            try
            {
                all.ImportFromPem(text);
            }
            catch (CryptographicException ex)
            {
                throw new TlsConfigurationException($"TLS CA file '{path}' is not a readable PEM certificate: {OneLine(ex.Message)}", ex);
            }

            authorities.AddRange(all);
        }
        else
        {
            try
            {
                authorities.Add(X509CertificateLoader.LoadCertificate(bytes));
            }
            catch (CryptographicException ex)
            {
                throw new TlsConfigurationException($"TLS CA file '{path}' is neither a PEM nor a DER certificate: {OneLine(ex.Message)}", ex);
            }
        }

        if (authorities.Count == 0)
        {
            throw new TlsConfigurationException($"TLS CA file '{path}' holds no PEM CERTIFICATE block");
        }

        foreach (var authority in authorities)
        {
            if (authority.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true })
            {
                throw new TlsConfigurationException($"TLS CA file '{path}': {authority.Subject} is not a CA certificate (it lacks basicConstraints CA:TRUE)");
            }

            if (Validity(authority, now) is { } problem)
            {
                throw new TlsConfigurationException($"TLS CA certificate {authority.Subject} in '{path}' {problem}");
            }
        }

        return authorities;
    }

    private static void CheckOwn(X509Certificate2 certificate, string path, List<X509Certificate2> intermediates, List<X509Certificate2> authorities, string caPath, DateTimeOffset now)
    {
        var name = $"TLS certificate '{path}' ({certificate.Subject})";
        if (Validity(certificate, now) is { } problem)
        {
            throw new TlsConfigurationException($"{name} {problem}");
        }

        if (!certificate.HasPrivateKey)
        {
            throw new TlsConfigurationException($"{name} has no private key");
        }

        try
        {
            using var rsa = certificate.GetRSAPrivateKey();
            using var ecdsa = certificate.GetECDsaPrivateKey();
            if (rsa is null && ecdsa is null)
            {
                throw new TlsConfigurationException($"{name} has a private key that is neither RSA nor ECDSA");
            }
        }
        catch (CryptographicException ex)
        {
            throw new TlsConfigurationException($"{name}: its private key cannot be used ({OneLine(ex.Message)})", ex);
        }

        if (CaChainValidator.CheckUsage(certificate) is { } usage)
        {
            throw new TlsConfigurationException($"{name} cannot be used for remoting: {usage}");
        }

        if (CaChainValidator.Check(certificate, authorities, intermediates, now) is { } chain)
        {
            throw new TlsConfigurationException($"{name} does not chain to the CA in '{caPath}', so peers would refuse it: {chain}");
        }
    }

    private static string? Validity(X509Certificate2 certificate, DateTimeOffset now)
    {
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        return notAfter < now ? string.Create(CultureInfo.InvariantCulture, $"expired on {notAfter:yyyy-MM-dd HH:mm:ss} UTC")
            : notBefore > now ? string.Create(CultureInfo.InvariantCulture, $"is not valid before {notBefore:yyyy-MM-dd HH:mm:ss} UTC")
            : null;
    }

    private static byte[] Read(string path, string what)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxFileBytes)
            {
                throw new TlsConfigurationException($"TLS {what} '{path}' is larger than 1 MiB; is it the right file?");
            }

            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException or ArgumentException or NotSupportedException)
        {
            throw new TlsConfigurationException($"TLS {what} '{path}' cannot be read: {OneLine(ex.Message)}", ex);
        }
    }

    private static bool LooksLikePem(byte[] bytes) =>
        bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(PemMarker)) >= 0;

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
