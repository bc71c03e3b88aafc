using System.Text.Json.Serialization;
using HotReloadCluster.Reloading;

namespace HotReloadCluster.Admin;

/// <summary>A command of the admin console (<c>hrc</c>). Read-only unless <see cref="Mutates"/>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$command")]
[JsonDerivedType(typeof(StatusCommand), "status")]
[JsonDerivedType(typeof(TopicsCommand), "topics")]
[JsonDerivedType(typeof(ShowCommand), "show")]
[JsonDerivedType(typeof(HistoryCommand), "history")]
[JsonDerivedType(typeof(DiffCommand), "diff")]
[JsonDerivedType(typeof(ReloadCommand), "reload")]
[JsonDerivedType(typeof(RollbackCommand), "rollback")]
[JsonDerivedType(typeof(AuditCommand), "audit")]
[JsonDerivedType(typeof(TailCommand), "tail")]
[JsonDerivedType(typeof(NodesCommand), "nodes")]
public abstract record AdminCommand
{
    /// <summary>The command's name as the console spells it.</summary>
    [JsonIgnore]
    public abstract string Name { get; }

    /// <summary>The topic it concerns, if any (for the audit).</summary>
    [JsonIgnore]
    public virtual string? TopicName => null;

    /// <summary>Whether it changes anything (needs the operator role).</summary>
    [JsonIgnore]
    public virtual bool Mutates => false;
}

/// <summary>Nodes, topics and statistics.</summary>
public sealed record StatusCommand : AdminCommand
{
    /// <inheritdoc />
    public override string Name => "status";
}

/// <summary>Every topic with its current version.</summary>
public sealed record TopicsCommand : AdminCommand
{
    /// <inheritdoc />
    public override string Name => "topics";
}

/// <summary>A topic's content as stored (templates, secrets never resolved), current or a given version.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Version">The version, or null for the current one.</param>
public sealed record ShowCommand(string Topic, long? Version) : AdminCommand
{
    /// <inheritdoc />
    public override string Name => "show";

    /// <inheritdoc />
    public override string? TopicName => Topic;
}

/// <summary>Every version and rejected attempt of a topic.</summary>
/// <param name="Topic">The topic.</param>
public sealed record HistoryCommand(string Topic) : AdminCommand
{
    /// <inheritdoc />
    public override string Name => "history";

    /// <inheritdoc />
    public override string? TopicName => Topic;
}

/// <summary>The structural diff between two versions (to the current one when <paramref name="To"/> is null).</summary>
/// <param name="Topic">The topic.</param>
/// <param name="From">The older version.</param>
/// <param name="To">The newer version, or null for the current one.</param>
public sealed record DiffCommand(string Topic, long From, long? To) : AdminCommand
{
    /// <inheritdoc />
    public override string Name => "diff";

    /// <inheritdoc />
    public override string? TopicName => Topic;
}

/// <summary>A manual reload of one topic, or of every topic when <paramref name="Topic"/> is null.</summary>
/// <param name="Topic">The topic, or null for all.</param>
public sealed record ReloadCommand(string? Topic) : AdminCommand
{
    /// <inheritdoc />
    public override string Name => "reload";

    /// <inheritdoc />
    public override string? TopicName => Topic;

    /// <inheritdoc />
    public override bool Mutates => true;
}

/// <summary>A rollback of a topic to the previous, the initial, or a given version.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Mode">Which version.</param>
/// <param name="Version">The version for <see cref="RollbackMode.ToVersion"/>.</param>
public sealed record RollbackCommand(string Topic, RollbackMode Mode, long? Version) : AdminCommand
{
    /// <inheritdoc />
    public override string Name => "rollback";

    /// <inheritdoc />
    public override string? TopicName => Topic;

    /// <inheritdoc />
    public override bool Mutates => true;
}

/// <summary>The most recent admin audit entries.</summary>
/// <param name="Limit">How many, newest last.</param>
public sealed record AuditCommand(int Limit) : AdminCommand
{
    /// <inheritdoc />
    public override string Name => "audit";
}

/// <summary>
/// Live reload events of one topic (or all) until the client goes away; send it again at least every 10 s to
/// keep the stream open. Events arrive as <see cref="AdminTailEvent"/>.
/// </summary>
/// <param name="Topic">The topic, or null for all.</param>
public sealed record TailCommand(string? Topic) : AdminCommand
{
    /// <inheritdoc />
    public override string Name => "tail";

    /// <inheritdoc />
    public override string? TopicName => Topic;
}
