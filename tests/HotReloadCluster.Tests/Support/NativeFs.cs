using System.Runtime.InteropServices;

namespace HotReloadCluster.Tests.Support;

/// <summary>rename(2), which replaces a symlink atomically as Kubernetes does for ConfigMap volumes.</summary>
internal static partial class NativeFs
{
    public static void Rename(string from, string to)
    {
        if (rename(from, to) != 0)
        {
            throw new IOException($"rename {from} -> {to} failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "rename", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int rename(string oldpath, string newpath);
}
