using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Reloading;

/// <summary>
/// One applied version as the history index keeps it: everything but the content, which stays in the journal (event
/// <see cref="SequenceNr"/>) and is read back when someone asks for it.
/// </summary>
/// <param name="Version">The version.</param>
/// <param name="Hash">The content hash.</param>
/// <param name="Format">How the content is parsed.</param>
/// <param name="Origin">What caused it.</param>
/// <param name="At">When it was applied (shown, never used for ordering).</param>
/// <param name="SequenceNr">The journal sequence number of its <see cref="ConfigApplied"/> event.</param>
/// <param name="Size">The content's size in UTF-8 bytes.</param>
public sealed record VersionInfo(long Version, string Hash, ConfigFormat Format, ConfigOrigin Origin, DateTimeOffset At, long SequenceNr, long Size);
