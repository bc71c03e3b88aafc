namespace HotReloadCluster.Hrc.Transport;

/// <summary>No answer from any contact's admin endpoint within the timeout.</summary>
internal sealed class ClusterUnreachableException : Exception
{
    public ClusterUnreachableException()
    {
    }

    public ClusterUnreachableException(string message)
        : base(message)
    {
    }

    public ClusterUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
