using System.Collections.Immutable;
using System.ComponentModel;
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
    [Description("A node to reach the cluster through: akka.tcp://hotreload@host:port or host:port (repeatable; default " + Transport.Contacts.Default + ").")]
    public string[]? Contact { get; set; }

    [CommandOption("--token <TOKEN>")]
    [Description("The admin token (default: the " + TokenVariable + " environment variable).")]
    public string? Token { get; set; }

    [CommandOption("--timeout <SECONDS>")]
    [Description("How long to wait for the cluster's answer (default 10).")]
    [DefaultValue(10)]
    public int Timeout { get; set; } = 10;

    [CommandOption("--json")]
    [Description("One JSON document on stdout (tail: one JSON object per line).")]
    public bool Json { get; set; }

    /// <summary>The timeout as a span.</summary>
    public TimeSpan TimeoutSpan => TimeSpan.FromSeconds(Timeout);

    /// <summary>The normalized contacts (the default when none is given). Call after <see cref="Validate"/>.</summary>
    public ImmutableArray<string> Contacts() =>
        Contact is { Length: > 0 } given ? [.. given.Select(c => Transport.Contacts.Normalize(c)!).Distinct(StringComparer.Ordinal)] : [Transport.Contacts.Default];

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
