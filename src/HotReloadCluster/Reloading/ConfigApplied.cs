using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Reloading;

/// <summary>
/// A new version of a topic, persisted before anyone is told. <see cref="Content"/> is the template text as
/// written in the file: <c>${VAR}</c> references are kept, never their resolved values.
/// </summary>
/// <param name="Topic">The topic.</param>
/// <param name="Version">The version, strictly increasing from 1, never reused.</param>
/// <param name="Content">The template text.</param>
/// <param name="Format">How <see cref="Content"/> is parsed.</param>
/// <param name="Hash">The content hash, <c>sha256:&lt;hex&gt;</c> of the UTF-8 bytes.</param>
/// <param name="Origin">What caused the version.</param>
/// <param name="At">When it was applied.</param>
/// <param name="Pinned">
/// True after a rollback: the file's content is not re-applied until the file changes away from
/// <see cref="PinnedFileHash"/>.
/// </param>
/// <param name="PinnedFileHash">The file's hash when the topic was pinned (null if the file was missing).</param>
public sealed record ConfigApplied(
    string Topic,
    long Version,
    string Content,
    ConfigFormat Format,
    string Hash,
    ConfigOrigin Origin,
    DateTimeOffset At,
    bool Pinned = false,
    string? PinnedFileHash = null) : IReloadJournalEvent;
