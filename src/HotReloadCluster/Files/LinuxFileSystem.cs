using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace HotReloadCluster.Files;

/// <summary>
/// The few libc calls that .NET does not expose and confinement needs: <c>realpath(3)</c> (every link resolved),
/// <c>statx(2)</c> (the file type, without opening the file) and <c>open(2)</c> with <c>O_NONBLOCK | O_NOFOLLOW</c>
/// (a FIFO never blocks the caller, a link swapped in after the check is not followed). statx is used rather than
/// stat because its buffer has one layout on every Linux architecture. Linux only; <see cref="ConfinedFile"/> falls
/// back to managed checks elsewhere.
/// </summary>
internal static partial class LinuxFileSystem
{
    public const int ENOENT = 2;
    public const int EACCES = 13;
    public const int ENOTDIR = 20;
    public const int ELOOP = 40;

    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7ff;
    private const int StatxBufferSize = 256;
    private const int ONonBlock = 0x800;
    private const int OCloExec = 0x80000;
    private const int ONoCtty = 0x100;

    public static bool IsSupported { get; } = OperatingSystem.IsLinux()
        && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64 or Architecture.X86 or Architecture.Arm;

    /// <summary>O_NOFOLLOW differs between architectures (asm-generic vs x86).</summary>
    private static int ONoFollow => RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x8000 : 0x20000;

    /// <summary>The canonical path with every link resolved, or the errno.</summary>
    public static (string? Path, int Errno) RealPath(string path)
    {
        var result = realpath(path, IntPtr.Zero);
        if (result == IntPtr.Zero)
        {
            return (null, Marshal.GetLastPInvokeError());
        }

        try
        {
            return (Marshal.PtrToStringUTF8(result), 0);
        }
        finally
        {
            free(result);
        }
    }

    /// <summary>The type and identity of <paramref name="path"/> itself (a link is not followed), or the errno.</summary>
    public static (FileStatus? Status, int Errno) LStat(string path) => Stat(AtFdCwd, path, AtSymlinkNoFollow);

    /// <summary>The type and identity of an open file descriptor.</summary>
    public static (FileStatus? Status, int Errno) FStat(int fd) => Stat(fd, string.Empty, AtEmptyPath);

    /// <summary>Opens read-only, non-blocking, without following a final link; returns the descriptor or -errno.</summary>
    public static int OpenForRead(string path)
    {
        var fd = open(path, ONonBlock | ONoFollow | OCloExec | ONoCtty, 0);
        return fd >= 0 ? fd : -Marshal.GetLastPInvokeError();
    }

    /// <summary>Closes a descriptor that was not handed to a SafeFileHandle.</summary>
    public static void Close(int fd) => _ = close(fd);

    /// <summary>The text of an errno.</summary>
    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    private static (FileStatus? Status, int Errno) Stat(int dirFd, string path, int flags)
    {
        Span<byte> buffer = stackalloc byte[StatxBufferSize];
        buffer.Clear();
        if (statx(dirFd, path, flags, StatxBasicStats, ref MemoryMarshal.GetReference(buffer)) != 0)
        {
            return (null, Marshal.GetLastPInvokeError());
        }

        // struct statx: stx_mode u16 @28, stx_ino u64 @32, stx_size u64 @40, stx_dev_major u32 @136, stx_dev_minor u32 @140.
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer[28..]);
        var inode = BinaryPrimitives.ReadUInt64LittleEndian(buffer[32..]);
        var size = BinaryPrimitives.ReadInt64LittleEndian(buffer[40..]);
        var device = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(buffer[136..]) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(buffer[140..]);
        return (new FileStatus(TypeOf(mode), device, inode, size), 0);
    }

    private static FileKind TypeOf(ushort mode) => (mode & 0xF000) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0xA000 => FileKind.SymbolicLink,
        0x1000 => FileKind.Fifo,
        0xC000 => FileKind.Socket,
        0x2000 => FileKind.CharacterDevice,
        0x6000 => FileKind.BlockDevice,
        _ => FileKind.Other,
    };

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial IntPtr realpath(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void free(IntPtr pointer);

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int statx(int dirFd, string path, int flags, uint mask, ref byte buffer);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int close(int fd);
}
