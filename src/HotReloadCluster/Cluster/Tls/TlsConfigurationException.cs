namespace HotReloadCluster.Cluster.Tls;

/// <summary>
/// TLS is configured incompletely or wrongly (a certificate without a CA, a PFX without its password, an expired or
/// unreadable certificate, …). The message is one line meant for the operator; a process refuses to start with it.
/// </summary>
public sealed class TlsConfigurationException : Exception
{
    /// <summary>An exception with no message.</summary>
    public TlsConfigurationException()
    {
    }

    /// <summary>An exception with a one-line message.</summary>
    public TlsConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>An exception with a one-line message and its cause.</summary>
    public TlsConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
