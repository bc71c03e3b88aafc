using System.Globalization;
using Akka.Actor;

namespace HotReloadCluster.Hrc.Transport;

/// <summary>Contact addresses: full Akka addresses or the <c>host:port</c> shorthand.</summary>
internal static class Contacts
{
    /// <summary>The ActorSystem name of every node.</summary>
    public const string SystemName = "hotreload";

    /// <summary>A node started with no flags.</summary>
    public const string Default = "akka.tcp://hotreload@127.0.0.1:4053";

    /// <summary>Expands <c>host:port</c> to <c>akka.tcp://hotreload@host:port</c>; returns null when it is neither form.</summary>
    public static string? Normalize(string contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var trimmed = contact.Trim().TrimEnd('/');
        if (trimmed.Contains("://", StringComparison.Ordinal))
        {
            return ActorPath.TryParse(trimmed + "/system/receptionist", out var path) && path.Address.Port is > 0 ? trimmed : null;
        }

        var colon = trimmed.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(trimmed.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return null;
        }

        var host = trimmed[..colon];
        return host.Contains('@', StringComparison.Ordinal) || host.Contains('/', StringComparison.Ordinal)
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"akka.tcp://{SystemName}@{host}:{port}");
    }

    /// <summary>The receptionist of a normalized contact.</summary>
    public static ActorPath Receptionist(string normalized) => ActorPath.Parse(normalized + "/system/receptionist");
}
