namespace HotReloadCluster.Hrc;

/// <summary>The process exit codes of <c>hrc</c>: a contract for scripts.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>The command ran but failed (validation errors, unknown topic or version, refused rollback).</summary>
    public const int Failed = 1;

    /// <summary>Wrong usage: unknown command or option, missing token, bad value.</summary>
    public const int Usage = 2;

    /// <summary>No answer from the cluster within the timeout.</summary>
    public const int Unreachable = 3;

    /// <summary>The token is unknown or its role may not run the command.</summary>
    public const int Unauthorized = 4;
}
