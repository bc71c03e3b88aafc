namespace HotReloadCluster.Content;

/// <summary>A content could not be fetched: no kept version has it, or what arrived was not it.</summary>
internal sealed class ContentUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ContentUnavailableException(string topic, string hash, string reason)
        : base($"content {hash} of topic '{topic}' is not available: {reason}")
    {
        Topic = topic;
        Hash = hash;
        Reason = reason;
    }

    /// <summary>Creates the exception.</summary>
    public ContentUnavailableException()
        : this(string.Empty, string.Empty, "unknown")
    {
    }

    /// <summary>Creates the exception.</summary>
    public ContentUnavailableException(string message)
        : base(message)
    {
        Topic = string.Empty;
        Hash = string.Empty;
        Reason = message;
    }

    /// <summary>Creates the exception.</summary>
    public ContentUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
        Topic = string.Empty;
        Hash = string.Empty;
        Reason = message;
    }

    /// <summary>The topic.</summary>
    public string Topic { get; }

    /// <summary>The hash asked for.</summary>
    public string Hash { get; }

    /// <summary>Why.</summary>
    public string Reason { get; }
}
