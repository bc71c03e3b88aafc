using Microsoft.Win32.SafeHandles;

namespace HotReloadCluster.Files;

/// <summary>The result of <see cref="ConfinedFile.Open"/>.</summary>
internal abstract record ConfinedOpen
{
    private ConfinedOpen()
    {
    }

    /// <summary>A regular file inside a root, open for reading; the caller disposes the handle.</summary>
    public sealed record Opened(SafeFileHandle Handle, long Length) : ConfinedOpen;

    /// <summary>Nothing at the path (or a dangling link).</summary>
    public sealed record Missing : ConfinedOpen;

    /// <summary>Refused or failed, with a message for the operator; <paramref name="Retryable"/> when trying again may help.</summary>
    public sealed record Failed(string Message, bool Retryable) : ConfinedOpen;
}
