using System.Collections.Immutable;
using System.Text.Json.Serialization;
using HotReloadCluster.Core.Events;
using HotReloadCluster.Serialization;


namespace HotReloadCluster.Admin;

/// <summary>What the console sends to the admin endpoint: a credential and a command.</summary>
/// <param name="Token">The admin token (compared in constant time, never logged or audited).</param>
/// <param name="Command">The command.</param>
public sealed record AdminRequest(string Token, AdminCommand Command) : IHotReloadMessage
{
    /// <summary>The request without its token, for anything that prints it.</summary>
    public override string ToString() => $"AdminRequest({Command.Name}, token ***)";
}

/// <summary>The endpoint's answer.</summary>
public enum AdminOutcome
{
    /// <summary>Done.</summary>
    Ok,

    /// <summary>The command ran but failed (validation errors, unknown topic or version, refused rollback).</summary>
    Failed,

    /// <summary>The token is unknown, or its role may not run the command.</summary>
    Unauthorized,
}

/// <summary>The answer to an <see cref="AdminRequest"/>.</summary>
/// <param name="Outcome">Done, failed, or not authorized.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="Payload">The result.</param>
public sealed record AdminResponse(AdminOutcome Outcome, string? Error, AdminPayload? Payload) : IHotReloadMessage;

/// <summary>The result of a command.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$payload")]
[JsonDerivedType(typeof(StatusPayload), "status")]
[JsonDerivedType(typeof(TopicsPayload), "topics")]
[JsonDerivedType(typeof(ShowPayload), "show")]
[JsonDerivedType(typeof(HistoryPayload), "history")]
[JsonDerivedType(typeof(DiffPayload), "diff")]
[JsonDerivedType(typeof(OutcomesPayload), "outcomes")]
[JsonDerivedType(typeof(AuditPayload), "audit")]
[JsonDerivedType(typeof(TailStartedPayload), "tail")]
[JsonDerivedType(typeof(NodesPayload), "nodes")]
public abstract record AdminPayload : IHotReloadMessage;

/// <summary>A cluster member.</summary>
/// <param name="Address">Its address.</param>
/// <param name="Roles">Its roles.</param>
/// <param name="Status">Up, Joining, Leaving, …</param>
/// <param name="Reachable">Whether the endpoint's node reaches it.</param>
public sealed record NodeInfo(string Address, ImmutableArray<string> Roles, string Status, bool Reachable);

/// <summary>A topic's current state.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Version">The current version (0: none yet).</param>
/// <param name="Hash">Its content hash.</param>
/// <param name="Origin">Its origin (<c>file</c>, <c>admin(alice)</c>, <c>rollback(to 3)</c>, …).</param>
/// <param name="At">When it was applied.</param>
/// <param name="Pinned">Whether a rollback pins it.</param>
/// <param name="FileDiffers">Whether the file's content differs from it.</param>
/// <param name="Subscribers">How many subscriber nodes' topic actors are registered.</param>
/// <param name="File">The watched file (the one read, when several claim the topic).</param>
/// <param name="Deleted">Whether the file was deleted (the last version stays current and readable).</param>
/// <param name="IgnoredFiles">Other files that claim the topic and are ignored (a collision).</param>
/// <param name="OldestKept">The oldest version retention still keeps (0: none).</param>
/// <param name="Nodes">What each subscriber node last applied or refused, ordered by address (default: none reported).</param>
/// <param name="Converged">
/// Whether every registered subscriber node has reported and runs <paramref name="Version"/> without error (true when the
/// topic has no subscriber; false when the topic did not answer).
/// </param>
public sealed record TopicInfo(string Topic, long Version, string? Hash, string? Origin, DateTimeOffset? At, bool Pinned, bool FileDiffers, int Subscribers, string? File, bool Deleted = false, ImmutableArray<string> IgnoredFiles = default, long OldestKept = 0, ImmutableArray<TopicNodeInfo> Nodes = default, bool Converged = false);

/// <summary>The answer to <see cref="StatusCommand"/>.</summary>
/// <param name="Nodes">The members.</param>
/// <param name="Topics">The topics.</param>
/// <param name="Statistics">Reload statistics summed over topics.</param>
public sealed record StatusPayload(ImmutableArray<NodeInfo> Nodes, ImmutableArray<TopicInfo> Topics, ReloadStatistics Statistics) : AdminPayload;

/// <summary>The answer to <see cref="TopicsCommand"/>.</summary>
/// <param name="Topics">The topics.</param>
public sealed record TopicsPayload(ImmutableArray<TopicInfo> Topics) : AdminPayload;

/// <summary>The answer to <see cref="ShowCommand"/>.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Version">The version shown.</param>
/// <param name="Content">The stored template text.</param>
/// <param name="Format">yaml or json.</param>
/// <param name="Hash">The content hash.</param>
/// <param name="Origin">The version's origin.</param>
/// <param name="At">When it was applied.</param>
public sealed record ShowPayload(string Topic, long Version, string Content, string Format, string Hash, string Origin, DateTimeOffset At) : AdminPayload;

/// <summary>One entry of a topic's history.</summary>
/// <param name="Kind"><c>applied</c> or <c>rejected</c>.</param>
/// <param name="Version">The version (applied); null for a rejected attempt.</param>
/// <param name="Origin">What caused it.</param>
/// <param name="By">Who, for admin actions and rollbacks.</param>
/// <param name="At">When.</param>
/// <param name="Hash">The content hash, if any.</param>
/// <param name="Errors">Why it was rejected.</param>
/// <param name="Size">The content's size in bytes (applied versions).</param>
public sealed record HistoryItem(string Kind, long? Version, string Origin, string? By, DateTimeOffset At, string? Hash, ImmutableArray<string> Errors, long Size = 0);

/// <summary>The answer to <see cref="HistoryCommand"/>.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Entries">Oldest first.</param>
public sealed record HistoryPayload(string Topic, ImmutableArray<HistoryItem> Entries) : AdminPayload;

/// <summary>One changed path.</summary>
/// <param name="Kind"><c>added</c>, <c>removed</c> or <c>changed</c>.</param>
/// <param name="Path">The path, <c>section:key</c>.</param>
/// <param name="Old">The old value (templates only).</param>
/// <param name="New">The new value (templates only).</param>
public sealed record DiffLine(string Kind, string Path, string? Old, string? New);

/// <summary>The answer to <see cref="DiffCommand"/>.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="From">The older version.</param>
/// <param name="To">The newer version.</param>
/// <param name="Lines">The changes.</param>
public sealed record DiffPayload(string Topic, long From, long To, ImmutableArray<DiffLine> Lines) : AdminPayload;

/// <summary>The outcome of a reload or rollback of one topic.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Outcome"><c>applied</c>, <c>unchanged</c>, <c>rejected</c>, <c>failed</c> or <c>refused</c>.</param>
/// <param name="Version">The new (or current) version.</param>
/// <param name="Errors">The errors.</param>
public sealed record OutcomeInfo(string Topic, string Outcome, long? Version, ImmutableArray<string> Errors);

/// <summary>The answer to <see cref="ReloadCommand"/> and <see cref="RollbackCommand"/>.</summary>
/// <param name="Outcomes">One per topic.</param>
public sealed record OutcomesPayload(ImmutableArray<OutcomeInfo> Outcomes) : AdminPayload;

/// <summary>One audited admin command.</summary>
/// <param name="At">When.</param>
/// <param name="Who">The token's name, or <c>unknown</c> for a token that matched none.</param>
/// <param name="Command">The command's name.</param>
/// <param name="Topic">The topic, if any.</param>
/// <param name="Outcome"><c>ok</c>, <c>failed</c>, <c>unauthorized</c> or <c>forbidden</c>.</param>
/// <param name="Detail">A short detail (new version, error).</param>
public sealed record AuditEntry(DateTimeOffset At, string Who, string Command, string? Topic, string Outcome, string? Detail);

/// <summary>The answer to <see cref="AuditCommand"/>.</summary>
/// <param name="Entries">Oldest first.</param>
public sealed record AuditPayload(ImmutableArray<AuditEntry> Entries) : AdminPayload;

/// <summary>The answer to <see cref="TailCommand"/>: events follow as <see cref="AdminTailEvent"/>.</summary>
public sealed record TailStartedPayload : AdminPayload;

/// <summary>A reload event as the console's <c>tail</c> shows it (never content; errors are already masked).</summary>
/// <param name="Type">The event type.</param>
/// <param name="Topic">The topic.</param>
/// <param name="Version">The version.</param>
/// <param name="Hash">The content hash.</param>
/// <param name="Error">The error.</param>
/// <param name="At">When.</param>
/// <param name="Node">The node that emitted it.</param>
public sealed record AdminTailEvent(string Type, string Topic, long? Version, string? Hash, string? Error, DateTimeOffset At, string Node) : IHotReloadMessage;
