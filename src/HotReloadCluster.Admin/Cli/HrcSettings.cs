using System.Collections.Immutable;
using System.ComponentModel;
using HotReloadCluster.Cluster.Tls;
using HotReloadCluster.Hrc.Transport;
using Spectre.Console;
using Spectre.Console.Cli;

namespace HotReloadCluster.Hrc.Cli;

/// <summary>The options every command takes: where the cluster is, the token, the timeout, JSON output.</summary>
internal class HrcSettings : CommandSettings
{
    /// <summary>The environment variable that holds the token when <c>--token</c> is not given.</summary>
    public const string TokenVariable = "HOTRELOAD_ADMIN_TOKEN";

    [CommandOption("-c|--contact <ADDRESS>")]
    [Description("A node to reach the cluster through: akka.tcp://hotreload@host:port (akka.ssl.tcp with TLS) or host:port (repeatable; default " + Transport.Contacts.Default + ").")]
    public string[]? Contact { get; set; }

    [CommandOption("--token <TOKEN>")]
    [Description("The admin token (default: the " + TokenVariable + " environment variable).")]
    public string? Token { get; set; }

    [CommandOption("--timeout <SECONDS>")]
    [Description("How long to wait for the cluster's answer (default 10).")]
    [DefaultValue(10)]
    public int Timeout { get; set; } = 10;

    [CommandOption("--tls-cert <PATH>")]
    [Description("This console's certificate for mutual TLS: a PFX (password in " + TlsOptions.PasswordVariable + ") or a PEM certificate (default: " + TlsOptions.CertificateVariable + "). Needs --tls-ca.")]
    public string? TlsCertificate { get; set; }

    [CommandOption("--tls-key <PATH>")]
    [Description("The PEM private key of a PEM --tls-cert (default: " + TlsOptions.KeyVariable + ").")]
    public string? TlsKey { get; set; }

    [CommandOption("--tls-ca <PATH>")]
    [Description("The cluster's CA certificate; the node must present a certificate it signed (default: " + TlsOptions.CaVariable + ").")]
    public string? TlsCa { get; set; }

    [CommandOption("--json")]
    [Description("One JSON document on stdout (tail: one JSON object per line).")]
    public bool Json { get; set; }

    /// <summary>The timeout as a span.</summary>
    public TimeSpan TimeoutSpan => TimeSpan.FromSeconds(Timeout);

    /// <summary>The normalized contacts (the default when none is given). Call after <see cref="Validate"/>.</summary>
    public ImmutableArray<string> Contacts() =>
        Contact is { Length: > 0 } given ? [.. given.Select(c => Transport.Contacts.Normalize(c)!).Distinct(StringComparer.Ordinal)] : [Transport.Contacts.Default];

    /// <summary>
    /// The contacts in the protocol of <paramref name="tls"/> (<c>akka.ssl.tcp</c> with TLS); an error message when a
    /// contact asks for TLS and none is configured. Call after <see cref="Validate"/>.
    /// </summary>
    public ImmutableArray<string> Contacts(TlsCertificates? tls, out string? error)
    {
        error = tls is null
            ? Contacts().FirstOrDefault(c => c.StartsWith(TlsRemoting.TlsProtocol + "://", StringComparison.Ordinal)) is { } secure
                ? $"contact {secure} uses TLS: give --tls-cert and --tls-ca (or {TlsOptions.CertificateVariable} and {TlsOptions.CaVariable})"
                : null
            : null;
        return [.. Contacts().Select(c => TlsRemoting.WithProtocol(c, tls)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The TLS settings: the <c>--tls-*</c> flags, else the <c>HOTRELOAD_TLS__*</c> environment variables; the password
    /// only from <see cref="TlsOptions.PasswordVariable"/>.
    /// </summary>
    public TlsOptions ResolveTls(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new TlsOptions
        {
            CertificatePath = Given(TlsCertificate) ?? Given(environment(TlsOptions.CertificateVariable)),
            KeyPath = Given(TlsKey) ?? Given(environment(TlsOptions.KeyVariable)),
            CaPath = Given(TlsCa) ?? Given(environment(TlsOptions.CaVariable)),
            Password = environment(TlsOptions.PasswordVariable) is { Length: > 0 } password ? password : null,
            ValidateHostname = bool.TryParse(environment(TlsOptions.ValidateHostnameVariable), out var validate) && validate,
        };

        static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary><c>--token</c>, else the environment variable; null when neither is set.</summary>
    public string? ResolveToken(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var token = string.IsNullOrWhiteSpace(Token) ? environment(TokenVariable) : Token;
        return string.IsNullOrWhiteSpace(token) ? null : token.Trim();
    }

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (Timeout < 1)
        {
            return ValidationResult.Error("--timeout must be at least 1 second.");
        }

        foreach (var contact in Contact ?? [])
        {
            if (Transport.Contacts.Normalize(contact) is null)
            {
                return ValidationResult.Error($"--contact '{contact}' is neither akka.tcp://system@host:port nor host:port.");
            }
        }

        return ValidationResult.Success();
    }
}
