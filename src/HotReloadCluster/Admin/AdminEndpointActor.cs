using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using HotReloadCluster.Content;
using HotReloadCluster.Core.Diffing;
using HotReloadCluster.Core.Events;
using HotReloadCluster.Core.Parsing;
using HotReloadCluster.Registry;
using HotReloadCluster.Reloading;

namespace HotReloadCluster.Admin;

/// <summary>
/// The admin endpoint on <c>config-registry</c> nodes, registered with the cluster-client receptionist at
/// <c>/user/admin</c>: authenticates every <see cref="AdminRequest"/> (viewer or operator token, constant-time),
/// audits it, allowed or refused, and runs it against the ReloadActor and registry regions. Content is fetched by hash
/// in chunks (and kept in this node's <see cref="ContentCache"/>), history is read page by page, and an answer larger
/// than one remoting frame is sent in <see cref="AdminResponsePart"/>s, so every command works at any size up to the
/// file limit.
/// </summary>
internal sealed class AdminEndpointActor : ReceiveActor, IWithTimers
{
    /// <summary>The endpoint's path, as clients address it.</summary>
    public const string Path = "/user/admin";

    /// <summary>At most this many large answers are kept for their parts at once (the oldest goes first).</summary>
    private const int MaxKeptResponses = 16;

    /// <summary>And at most this many bytes of them.</summary>
    private const long MaxKeptBytes = 128L * 1024 * 1024;

    private readonly AdminTokens _tokens;
    private readonly IActorRef _reloadRegion;
    private readonly IActorRef _registryRegion;
    private readonly IActorRef _auditRegion;
    private readonly TimeSpan _timeout;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<IActorRef, string?> _tailers = [];
    private readonly HashSet<IActorRef> _tailersAudited = [];
    private readonly Dictionary<string, (byte[] Bytes, int Count)> _large = new(StringComparer.Ordinal);
    private readonly Queue<string> _largeOrder = new();
    private readonly ConfigParser _parser = new();
    private readonly ContentCache _cache;

    /// <summary>Creates the endpoint; use <see cref="Props"/>.</summary>
    public AdminEndpointActor(AdminTokens tokens, IActorRef reloadRegion, IActorRef registryRegion, IActorRef auditRegion, TimeSpan timeout)
    {
        _tokens = tokens;
        _reloadRegion = reloadRegion;
        _registryRegion = registryRegion;
        _auditRegion = auditRegion;
        _timeout = timeout;
        _cache = ContentCache.Get(Context.System);
        ReceiveAsync<AdminRequest>(HandleAsync);
        Receive<AdminFetchPart>(OnFetchPart);
        Receive<ForgetResponse>(forget =>
        {
            _large.Remove(forget.Id);
            while (_largeOrder.TryPeek(out var oldest) && !_large.ContainsKey(oldest))
            {
                _largeOrder.Dequeue();
            }
        });
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
        Receive<Terminated>(t =>
        {
            _tailers.Remove(t.ActorRef);
            _tailersAudited.Remove(t.ActorRef);
        });
        Receive<SubscribeAck>(_ => { });
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

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
            response = Fail($"the cluster did not answer within {_timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        catch (ContentUnavailableException ex)
        {
            response = Fail(ex.Message);
        }
        catch (TimeoutException)
        {
            response = Fail($"the journal did not answer within {_timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }

        if (command is not TailCommand || response.Payload is TailStartedPayload { } && !_tailersAudited.Contains(sender))
        {
            Audit(who.Name, command, response.Outcome == AdminOutcome.Ok ? "ok" : "failed", Detail(response));
            if (command is TailCommand)
            {
                _tailersAudited.Add(sender);
            }
        }

        Reply(sender, response);
    }

    /// <summary>Sends <paramref name="response"/>, in parts when it does not fit one remoting frame.</summary>
    private void Reply(IActorRef sender, AdminResponse response)
    {
        var serializer = Context.System.Serialization.FindSerializerFor(response);
        var bytes = serializer.ToBinary(response);
        if (bytes.Length <= AdminResponsePart.MaxBytes)
        {
            sender.Tell(response);
            return;
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var count = (int)((bytes.LongLength + AdminResponsePart.MaxBytes - 1) / AdminResponsePart.MaxBytes);

        // Kept answers are bounded in number and bytes: the oldest go first (their parts then fail, clearly).
        while (_largeOrder.Count > 0 && (_large.Count >= MaxKeptResponses || _large.Values.Sum(l => (long)l.Bytes.Length) + bytes.Length > MaxKeptBytes))
        {
            _large.Remove(_largeOrder.Dequeue());
        }

        _large[id] = (bytes, count);
        _largeOrder.Enqueue(id);
        Timers.StartSingleTimer("forget-" + id, new ForgetResponse(id), AdminResponsePart.KeptFor);
        sender.Tell(Part(id, 0, bytes, count));
    }

    private void OnFetchPart(AdminFetchPart fetch)
    {
        if (_tokens.Authenticate(fetch.Token) is null)
        {
            Sender.Tell(new AdminResponse(AdminOutcome.Unauthorized, "the token is not valid", null));
            return;
        }

        if (!_large.TryGetValue(fetch.Id, out var kept) || fetch.Index < 0 || fetch.Index >= kept.Count)
        {
            Sender.Tell(Fail($"no such response part (answers are kept {AdminResponsePart.KeptFor.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s)"));
            return;
        }

        Sender.Tell(Part(fetch.Id, fetch.Index, kept.Bytes, kept.Count));
    }

    private static AdminResponsePart Part(string id, int index, byte[] bytes, int count)
    {
        var offset = index * AdminResponsePart.MaxBytes;
        return new AdminResponsePart(id, index, count, bytes.AsSpan(offset, Math.Min(AdminResponsePart.MaxBytes, bytes.Length - offset)).ToArray());
    }

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
            case NodesCommand:
                return Ok(SubscriberNodes(await TopicInfosAsync(), Nodes()));
            case AuditCommand audit:
                return Ok(await AuditAsync(audit.Limit));
            case TailCommand tail:
                if (_tailers.TryAdd(sender, tail.Topic))
                {
                    Context.Watch(sender);
                }

                return Ok(new TailStartedPayload());
        }

        var known = await TopicCatalog.KnownTopicsAsync(Context.System, _timeout);
        if (command.TopicName is { } topic && !known.Contains(topic))
        {
            return Fail($"unknown topic '{topic}' (known: {string.Join(", ", known)})");
        }

        switch (command)
        {
            case ShowCommand show:
                var lookup = await _reloadRegion.Ask<VersionLookup>(new GetVersion(show.Topic, show.Version), _timeout);
                if (lookup.Version is not { } version)
                {
                    return Fail(lookup.Error ?? $"{show.Topic} has no such version");
                }

                var content = System.Text.Encoding.UTF8.GetString(await ContentAsync(show.Topic, version.Hash));
                return Ok(new ShowPayload(show.Topic, version.Version, content, version.Format.ToString().ToLowerInvariant(), version.Hash, version.Origin.ToString(), version.At));
            case HistoryCommand historyCommand:
                return Ok(new HistoryPayload(historyCommand.Topic, [.. (await HistoryAsync(historyCommand.Topic)).Select(ToItem)]));
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

    /// <summary>The content with <paramref name="hash"/>: from this node's cache, or fetched once in chunks.</summary>
    private Task<byte[]> ContentAsync(string topic, string hash)
    {
        var source = _reloadRegion;
        var timeout = _timeout;
        return _cache.GetOrFetchAsync(hash, () => ContentFetcher.FetchAsync(source, topic, hash, timeout));
    }

    private async Task<AdminResponse> DiffAsync(DiffCommand diff)
    {
        var from = await _reloadRegion.Ask<VersionLookup>(new GetVersion(diff.Topic, diff.From), _timeout);
        var to = await _reloadRegion.Ask<VersionLookup>(new GetVersion(diff.Topic, diff.To), _timeout);
        if (from.Version is null || to.Version is null)
        {
            return Fail((from.Version is null ? from.Error : to.Error) ?? $"{diff.Topic} has no such version");
        }

        var before = _parser.Parse(await ContentAsync(diff.Topic, from.Version.Hash), from.Version.Format, diff.Topic);
        var after = _parser.Parse(await ContentAsync(diff.Topic, to.Version.Hash), to.Version.Format, diff.Topic);
        if (!before.IsSuccess || !after.IsSuccess)
        {
            return Fail("a stored version cannot be parsed: " + (before.Error ?? after.Error));
        }

        var lines = ConfigDiff.Compute(before.Document!, after.Document!).Entries
            .Select(e => new DiffLine(e.Kind.ToString().ToLowerInvariant(), e.Path.ToString(), e.OldValue?.ToString(), e.NewValue?.ToString()))
            .ToImmutableArray();
        return Ok(new DiffPayload(diff.Topic, from.Version.Version, to.Version.Version, lines));
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

    private async Task<ImmutableArray<TopicInfo>> TopicInfosAsync()
    {
        var topics = await TopicCatalog.KnownTopicsAsync(Context.System, _timeout);
        var infos = await Task.WhenAll(topics.Select(async topic =>
        {
            // One topic that does not answer (its node is failing over) is shown as such; the others are still listed.
            CurrentConfig current;
            try
            {
                current = await _reloadRegion.Ask<CurrentConfig>(new GetCurrentConfig(topic), _timeout);
            }
            catch (AskTimeoutException)
            {
                return new TopicInfo(topic, 0, null, "no answer (failing over?)", null, false, false, 0, null, IgnoredFiles: [], Nodes: []);
            }

            var subscribers = 0;
            var nodes = ImmutableArray.CreateBuilder<TopicNodeInfo>();
            var answered = true;
            try
            {
                RegistryState state;
                do
                {
                    state = await _registryRegion.Ask<RegistryState>(new GetRegistryState(topic, nodes.Count), _timeout);
                    // The largest count seen: an entry removed between two pages shifts the next page, so one entry may be
                    // missed; with the first page's count the topic then reads "not converged" rather than a false "converged".
                    subscribers = Math.Max(subscribers, state.Subscribers);
                    nodes.AddRange((state.Nodes.IsDefault ? [] : state.Nodes).Select(n => new TopicNodeInfo(n.Node, n.Version, n.At, n.Error)));
                }
                while (state.MoreNodes && !state.Nodes.IsDefaultOrEmpty);
            }
            catch (AskTimeoutException)
            {
                answered = false;
            }

            var c = current.Current;
            var version = c?.Version ?? 0;
            // Pages are read one after the other: an entry that moved between two pages is listed once.
            ImmutableArray<TopicNodeInfo> reported = [.. nodes.DistinctBy(n => n.Address, StringComparer.Ordinal)];
            var converged = answered && reported.Length >= subscribers && reported.All(n => n.Runs(version));
            return new TopicInfo(topic, version, c?.Hash, c?.Origin.ToString(), c?.At, current.Pinned, current.FileDiffers, subscribers, current.FilePath, current.FileDeleted, current.IgnoredFiles.IsDefault ? [] : current.IgnoredFiles, current.OldestKeptVersion, reported, converged);
        }));
        return [.. infos];
    }

    /// <summary>The topics' per-node entries turned around: each subscriber node with its topics, and its membership.</summary>
    private static NodesPayload SubscriberNodes(ImmutableArray<TopicInfo> topics, ImmutableArray<NodeInfo> members)
    {
        var membership = members.ToDictionary(m => m.Address, StringComparer.Ordinal);
        return new NodesPayload([.. topics
            .SelectMany(t => (t.Nodes.IsDefault ? [] : t.Nodes).Select(n => (n.Address, Topic: new NodeTopicInfo(t.Topic, n.Version, t.Version, n.At, n.Error))))
            .GroupBy(e => e.Address, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SubscriberNodeInfo(
                g.Key,
                membership.GetValueOrDefault(g.Key)?.Status,
                membership.GetValueOrDefault(g.Key)?.Reachable ?? false,
                [.. g.Select(e => e.Topic).OrderBy(t => t.Topic, StringComparer.Ordinal)]))]);
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

    /// <summary>The newest <paramref name="limit"/> audit entries, oldest first, read page by page.</summary>
    private async Task<AuditPayload> AuditAsync(int limit)
    {
        var pages = new List<ImmutableArray<AuditEntry>>();
        var read = 0;
        while (read < limit)
        {
            var page = await _auditRegion.Ask<AuditPayload>(new GetAudit(Math.Min(AdminAuditActor.MaxPage, limit - read), read), _timeout);
            if (page.Entries.IsDefaultOrEmpty)
            {
                break;
            }

            pages.Insert(0, page.Entries);
            read += page.Entries.Length;
        }

        return new AuditPayload([.. pages.SelectMany(p => p)]);
    }

    /// <summary>The whole history, read page by page (each page fits one remoting frame).</summary>
    private async Task<List<HistoryEntry>> HistoryAsync(string topic)
    {
        var entries = new List<HistoryEntry>();
        TopicHistory page;
        do
        {
            page = await _reloadRegion.Ask<TopicHistory>(new GetHistory(topic, entries.Count), _timeout);
            entries.AddRange(page.Entries);
        }
        while (page.HasMore && !page.Entries.IsEmpty);

        return entries;
    }

    private static HistoryItem ToItem(HistoryEntry entry) => entry.IsApplied
        ? new HistoryItem("applied", entry.Version, entry.Origin.ToString(), entry.Origin.By, entry.At, entry.Hash, [], entry.Size)
        : new HistoryItem("rejected", null, entry.Origin.ToString(), entry.Origin.By, entry.At, entry.Hash, [.. entry.Errors.Select(e => e.ToString())]);

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
        { Error: { } error } => error,
        { Payload: OutcomesPayload outcomes } => string.Join(", ", outcomes.Outcomes.Select(o => $"{o.Topic} {o.Outcome} v{o.Version}")),
        _ => null,
    };

    private void Audit(string who, AdminCommand command, string outcome, string? detail)
    {
        var logged = command.TopicName is null ? "-" : string.Concat(command.TopicName.Take(100).Select(ch => char.IsControl(ch) ? '?' : ch));
        _log.Info("admin {0} by {1} on {2}: {3}", command.Name, who, logged, outcome);
        if (detail is { Length: > 300 })
        {
            detail = detail[..300] + "...";
        }

        var topic = command.TopicName is { Length: > 300 } name ? name[..300] + "..." : command.TopicName;
        _auditRegion.Tell(new RecordAudit(new AuditEntry(DateTimeOffset.UtcNow, who, command.Name, topic, outcome, detail)));
    }

    private sealed record ForgetResponse(string Id);
}
