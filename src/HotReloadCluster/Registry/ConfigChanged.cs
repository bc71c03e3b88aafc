using System.Collections.Immutable;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Reloading;
using HotReloadCluster.Serialization;

namespace HotReloadCluster.Registry;

/// <summary>
/// A topic's new version as it travels: metadata and the diff computed once at the source, never the content. A node
/// that lacks the content with <see cref="Hash"/> fetches it once, in chunks, from the topic's ReloadActor
/// (<see cref="Content.FetchContent"/>); a node that has it does not. The message stays small whatever the config's size.
/// </summary>
/// <param name="Topic">The topic.</param>
/// <param name="Version">The version.</param>
/// <param name="Hash">The content hash.</param>
/// <param name="Format">How the content is parsed.</param>
/// <param name="Origin">Where the version came from.</param>
/// <param name="At">When it was applied.</param>
/// <param name="Size">The content's size in bytes.</param>
/// <param name="Diff">The change from version <paramref name="DiffFrom"/>, one line per path, computed on templates (bounded, see <see cref="DiffLines"/>).</param>
/// <param name="DiffFrom">The version <paramref name="Diff"/> starts from (0: no diff; a subscriber with another version computes its own).</param>
/// <param name="TraceParent">
/// The W3C <c>traceparent</c> of the span that sent it on (the source's reload, then the registry's publish), so each
/// subscriber's apply joins the version's trace; null when nobody traced it. Optional on the wire: a message without
/// it (an older node) reads as null, and an older node skips it.
/// </param>
internal sealed record ConfigChanged(
    string Topic,
    long Version,
    string Hash,
    ConfigFormat Format,
    ConfigOrigin Origin,
    DateTimeOffset At,
    long Size,
    ImmutableArray<string> Diff,
    long DiffFrom,
    string? TraceParent = null) : IHotReloadMessage, IWithTopic;
