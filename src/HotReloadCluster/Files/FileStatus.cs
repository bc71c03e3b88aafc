namespace HotReloadCluster.Files;

/// <summary>What <c>statx</c> says of a file: its type, identity (device and inode) and size.</summary>
internal sealed record FileStatus(FileKind Kind, ulong Device, ulong Inode, long Size);
