using System.Collections.Immutable;
using System.Globalization;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using HotReloadCluster.Cluster;
using HotReloadCluster.Core.Diffing;
using HotReloadCluster.Core.Events;
using HotReloadCluster.Core.Parsing;
using HotReloadCluster.Registry;
using HotReloadCluster.Reloading;

namespace HotReloadCluster.Admin;

/// <summary>
/// The admin endpoint on <c>config-registry</c> nodes, registered with the cluster-client receptionist at
/// <c>/user/admin</c>: authenticates every <see cref="AdminRequest"/> (viewer or operator token, constant-time),
/// audits it, allowed or refused, and runs it against the ReloadActor and registry regions.
/// </summary>
public sealed class AdminEndpointActor : ReceiveActor
{
    /// <summary>The endpoint's path, as clients address it.</summary>
    public const string Path = "/user/admin";

    private readonly AdminTokens _tokens;
    private readonly IActorRef _reloadRegion;
    private readonly IActorRef _registryRegion;
    private readonly IActorRef _auditRegion;
    private readonly TimeSpan _timeout;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<IActorRef, string?> _tailers = [];
    private readonly ConfigParser _parser = new();

    /// <summary>Creates the endpoint; use <see cref="Props"/>.</summary>
    public AdminEndpointActor(AdminTokens tokens, IActorRef reloadRegion, IActorRef registryRegion, IActorRef auditRegion, TimeSpan timeout)
    {
        _tokens = tokens;
        _reloadRegion = reloadRegion;
        _registryRegion = registryRegion;
        _auditRegion = auditRegion;
        _timeout = timeout;
        ReceiveAsync<AdminRequest>(HandleAsync);
        Receive<AdminTailEvent>(e =>
        {
            foreach (var (tailer, topic) in _tailers)
            {
                if (topic is null || topic == e.Topic)
                {
                    tailer.Tell(e);
                }
            }
        });
        Receive<Terminated>(t => _tailers.Remove(t.ActorRef));
        Receive<SubscribeAck>(_ => { });
    }

    /// <summary>Props for the endpoint.</summary>
    public static Props Props(AdminTokens tokens, IActorRef reloadRegion, IActorRef registryRegion, IActorRef auditRegion, TimeSpan? timeout = null) =>
        Akka.Actor.Props.Create(() => new AdminEndpointActor(tokens, reloadRegion, registryRegion, auditRegion, timeout ?? TimeSpan.FromSeconds(5)));

    /// <inheritdoc />
    protected override void PreStart()
    {
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Subscribe(EventRelayActor.Topic, Self));
        base.PreStart();
    }

    private async Task HandleAsync(AdminRequest request)
    {
        var sender = Sender;
        var command = request.Command;
        var identity = _tokens.Authenticate(request.Token);
        if (identity is not { } who)
        {
            Audit("unknown", command, "unauthorized", null);
            sender.Tell(new AdminResponse(AdminOutcome.Unauthorized, "the token is not valid", null));
            return;
        }

        if (command.Mutates && who.Role != AdminRole.Operator)
        {
            Audit(who.Name, command, "forbidden", "viewer token");
            sender.Tell(new AdminResponse(AdminOutcome.Unauthorized, $"'{who.Name}' is a viewer and may not {command.Name}", null));
            return;
        }

        AdminResponse response;
        try
        {
            response = await ExecuteAsync(command, who.Name, sender);
        }
        catch (AskTimeoutException)
        {
            response = new AdminResponse(AdminOutcome.Failed, $"the cluster did not answer within {_timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s", null);
        }

        if (command is not TailCommand || response.Payload is TailStartedPayload { } && !_tailersAudited.Contains(sender))
        {
            Audit(who.Name, command, response.Outcome == AdminOutcome.Ok ? "ok" : "failed", Detail(response));
            if (command is TailCommand)
            {
                _tailersAudited.Add(sender);
            }
        }

        sender.Tell(response);
    }

    private readonly HashSet<IActorRef> _tailersAudited = [];

    private async Task<AdminResponse> ExecuteAsync(AdminCommand command, string who, IActorRef sender)
    {
        switch (command)
        {
            case StatusCommand:
                var topics = await TopicInfosAsync();
                var statistics = await StatisticsAsync(topics.Select(t => t.Topic));
                return Ok(new StatusPayload(Nodes(), topics, statistics));
            case TopicsCommand:
                return Ok(new TopicsPayload(await TopicInfosAsync()));
            case AuditCommand audit:
                return Ok(await _auditRegion.Ask<AuditPayload>(new GetAudit(audit.Limit), _timeout));
            case TailCommand tail:
                if (_tailers.TryAdd(sender, tail.Topic))
                {
                    Context.Watch(sender);
                }

                return Ok(new TailStartedPayload());
        }

        var known = await KnownTopicsAsync();
        if (command.TopicName is { } topic && !known.Contains(topic))
        {
            return Fail($"unknown topic '{topic}' (known: {string.Join(", ", known)})");
        }

        switch (command)
        {
            case ShowCommand show:
                var history = await HistoryAsync(show.Topic);
                var version = show.Version is { } v ? history.Versions.FirstOrDefault(x => x.Version == v) : history.Versions.LastOrDefault();
                return version is null
                    ? Fail(show.Version is { } missing ? $"{show.Topic} has no version {missing}" : $"{show.Topic} has no version yet")
                    : Ok(new ShowPayload(show.Topic, version.Version, version.Content, version.Format.ToString().ToLowerInvariant(), version.Hash, version.Origin.ToString(), version.At));
            case HistoryCommand historyCommand:
                return Ok(new HistoryPayload(historyCommand.Topic, [.. (await HistoryAsync(historyCommand.Topic)).Entries.Select(ToItem)]));
            case DiffCommand diff:
                return await DiffAsync(diff);
            case ReloadCommand reload:
                var outcomes = ImmutableArray.CreateBuilder<OutcomeInfo>();
                foreach (var name in reload.Topic is { } one ? [one] : known)
                {
                    outcomes.Add(ToInfo(await _reloadRegion.Ask<ReloadOutcome>(new ManualReload(name, who), _timeout)));
                }

                return Outcomes(outcomes.ToImmutable());
            case RollbackCommand rollback:
                var outcome = await _reloadRegion.Ask<ReloadOutcome>(new Rollback(rollback.Topic, rollback.Mode, rollback.Version, who), _timeout);
                return Outcomes([ToInfo(outcome)]);
            default:
                return Fail($"unknown command {command.Name}");
        }
    }

    private async Task<AdminResponse> DiffAsync(DiffCommand diff)
    {
        var history = await HistoryAsync(diff.Topic);
        var from = history.Versions.FirstOrDefault(v => v.Version == diff.From);
        var to = diff.To is { } t ? history.Versions.FirstOrDefault(v => v.Version == t) : history.Versions.LastOrDefault();
        if (from is null || to is null)
        {
            return Fail($"{diff.Topic} has no version {(from is null ? diff.From : diff.To)}");
        }

        var before = _parser.Parse(from.Content, from.Format, diff.Topic);
        var after = _parser.Parse(to.Content, to.Format, diff.Topic);
        if (!before.IsSuccess || !after.IsSuccess)
        {
            return Fail("a stored version cannot be parsed: " + (before.Error ?? after.Error));
        }

        var lines = ConfigDiff.Compute(before.Document!, after.Document!).Entries
            .Select(e => new DiffLine(e.Kind.ToString().ToLowerInvariant(), e.Path.ToString(), e.OldValue?.ToString(), e.NewValue?.ToString()))
            .ToImmutableArray();
        return Ok(new DiffPayload(diff.Topic, from.Version, to.Version, lines));
    }

    private static ImmutableArray<NodeInfo> Nodes()
    {
        var state = Akka.Cluster.Cluster.Get(Context.System).State;
        return [.. state.Members.OrderBy(m => m.Address.ToString(), StringComparer.Ordinal).Select(m => new NodeInfo(
            m.Address.ToString(),
            [.. m.Roles.Where(r => !r.StartsWith("dc-", StringComparison.Ordinal)).Order(StringComparer.Ordinal)],
            m.Status.ToString(),
            !state.Unreachable.Contains(m)))];
    }

    /// <summary>The topics that have a ReloadActor, asked of every source node's region (asking by name would create one).</summary>
    private async Task<ImmutableSortedSet<string>> KnownTopicsAsync()
    {
        var cluster = Akka.Cluster.Cluster.Get(Context.System);
        var regions = cluster.State.Members
            .Where(m => m.Status == MemberStatus.Up && m.HasRole(HotReloadRoles.Source))
            .Select(m => Context.System.ActorSelection($"{m.Address}/system/sharding/{HotReloadClusterNode.ReloadTypeName}"));
        var states = await Task.WhenAll(regions.Select(async region =>
        {
            try
            {
                return await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, _timeout);
            }
            catch (AskTimeoutException)
            {
                return null;
            }
        }));
        return states.OfType<CurrentShardRegionState>().SelectMany(s => s.Shards).SelectMany(s => s.EntityIds).ToImmutableSortedSet(StringComparer.Ordinal);
    }

    private async Task<ImmutableArray<TopicInfo>> TopicInfosAsync()
    {
        var topics = await KnownTopicsAsync();
        var infos = await Task.WhenAll(topics.Select(async topic =>
        {
            var current = await _reloadRegion.Ask<CurrentConfig>(new GetCurrentConfig(topic), _timeout);
            var registry = await _registryRegion.Ask<RegistryState>(new GetRegistryState(topic), _timeout);
            var c = current.Current;
            return new TopicInfo(topic, c?.Version ?? 0, c?.Hash, c?.Origin.ToString(), c?.At, current.Pinned, current.FileDiffers, registry.Subscribers, current.FilePath);
        }));
        return [.. infos];
    }

    private async Task<ReloadStatistics> StatisticsAsync(IEnumerable<string> topics)
    {
        var all = await Task.WhenAll(topics.Select(t => _reloadRegion.Ask<TopicStatistics>(new GetTopicStatistics(t), _timeout)));
        var stats = all.Select(s => s.Statistics).ToList();
        if (stats.Count == 0)
        {
            return ReloadStatistics.Empty;
        }

        var timed = stats.Sum(s => s.TotalReloads);
        return ReloadStatistics.Empty with
        {
            TotalReloads = timed,
            SuccessfulReloads = stats.Sum(s => s.SuccessfulReloads),
            FailedReloads = stats.Sum(s => s.FailedReloads),
            ValidationFailures = stats.Sum(s => s.ValidationFailures),
            Rollbacks = stats.Sum(s => s.Rollbacks),
            AverageReloadTime = timed == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(stats.Sum(s => s.AverageReloadTime.Ticks * s.TotalReloads) / timed),
            P99ReloadTime = stats.Max(s => s.P99ReloadTime),
            LastReloadTime = stats.Max(s => s.LastReloadTime),
        };
    }

    private Task<TopicHistory> HistoryAsync(string topic) => _reloadRegion.Ask<TopicHistory>(new GetHistory(topic), _timeout);

    private static HistoryItem ToItem(IReloadJournalEvent entry) => entry switch
    {
        ConfigApplied a => new HistoryItem("applied", a.Version, a.Origin.ToString(), a.Origin.By, a.At, a.Hash, []),
        ConfigRejected r => new HistoryItem("rejected", null, r.Origin.ToString(), r.Origin.By, r.At, r.Hash, [.. r.Errors.Select(e => e.ToString())]),
        _ => throw new ArgumentException("unknown journal event", nameof(entry)),
    };

    private static OutcomeInfo ToInfo(ReloadOutcome outcome) =>
        new(outcome.Topic, outcome.Kind.ToString().ToLowerInvariant(), outcome.Version, [.. outcome.Errors.Select(e => e.ToString())]);

    private static AdminResponse Outcomes(ImmutableArray<OutcomeInfo> outcomes)
    {
        var failed = outcomes.Where(o => o.Outcome is not ("applied" or "unchanged")).ToList();
        return new AdminResponse(
            failed.Count == 0 ? AdminOutcome.Ok : AdminOutcome.Failed,
            failed.Count == 0 ? null : string.Join("; ", failed.Select(f => $"{f.Topic}: {f.Outcome}: {string.Join("; ", f.Errors)}")),
            new OutcomesPayload(outcomes));
    }

    private static AdminResponse Ok(AdminPayload payload) => new(AdminOutcome.Ok, null, payload);

    private static AdminResponse Fail(string error) => new(AdminOutcome.Failed, error, null);

    private static string? Detail(AdminResponse response) => response switch
    {
        { Error: { } error } => error.Length > 300 ? error[..300] : error,
        { Payload: OutcomesPayload outcomes } => string.Join(", ", outcomes.Outcomes.Select(o => $"{o.Topic} {o.Outcome} v{o.Version}")),
        _ => null,
    };

    private void Audit(string who, AdminCommand command, string outcome, string? detail)
    {
        _log.Info("admin {0} by {1} on {2}: {3}", command.Name, who, command.TopicName ?? "-", outcome);
        _auditRegion.Tell(new RecordAudit(new AuditEntry(DateTimeOffset.UtcNow, who, command.Name, command.TopicName, outcome, detail)));
    }
}
