using System.Globalization;
using Akka.Actor;
using Akka.Hosting;
using HotReloadCluster.Core.Events;
using HotReloadCluster.Reloading;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HotReloadCluster.Diagnostics;

/// <summary>
/// Degraded while a topic whose ReloadActor runs on this node has a pending rejection (the file was refused or could not
/// be read, and the last good version stays), or its file differs from the applied version (a rollback pins a version, the
/// file was deleted, the journal refused the write). Healthy when every topic serves what its file says. The topics come
/// from the ReloadActors' events; each suspect is confirmed with its ReloadActor, so a file put back to the applied
/// content is healthy again without a new version.
/// </summary>
public sealed class TopicHealthCheck : IHealthCheck
{
    /// <summary>At most this many topics are confirmed with their ReloadActor per check (the rest are reported as they are).</summary>
    public const int MaxConfirmedPerCheck = 50;

    private readonly Func<ActorSystem?> _system;
    private readonly TimeSpan _timeout;

    /// <summary>Creates the check.</summary>
    /// <param name="system">The ActorSystem to look at (called on every check: a node that rejoins has a new one).</param>
    /// <param name="timeout">How long to wait for the actors' answers; default 5 s.</param>
    public TopicHealthCheck(Func<ActorSystem?> system, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        _system = system;
        _timeout = timeout ?? HotReloadHealthCheckOptions.DefaultTimeout;
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_system() is not { WhenTerminated.IsCompleted: false } system)
        {
            return HealthCheckResult.Unhealthy("no running ActorSystem");
        }

        var registry = ActorRegistry.For(system);
        if (!registry.TryGet<TopicHealthTrackerActor>(out var tracker))
        {
            return HealthCheckResult.Healthy("no ReloadActors on this node");
        }

        TopicSuspects suspects;
        try
        {
            suspects = await tracker.Ask<TopicSuspects>(GetTopicSuspects.Instance, _timeout, cancellationToken);
        }
        catch (AskTimeoutException)
        {
            return HealthCheckResult.Unhealthy($"the topic tracker did not answer within {_timeout.TotalSeconds:0.#} s");
        }

        if (suspects.Topics.IsEmpty)
        {
            return HealthCheckResult.Healthy("every topic serves its file");
        }

        // The cluster's shard region, or a single node's topic host: both route GetCurrentConfig to the topic's actor.
        if (!registry.TryGet<ReloadActor>(out var region))
        {
            registry.TryGet<TopicHostActor>(out region);
        }

        var confirmations = suspects.Topics
            .Select((suspect, index) => index < MaxConfirmedPerCheck && region is not null ? ConfirmAsync(region, suspect, cancellationToken) : Task.FromResult<CurrentConfig?>(null))
            .ToArray();
        var current = await Task.WhenAll(confirmations);
        var problems = new Dictionary<string, object>(StringComparer.Ordinal);
        for (var i = 0; i < suspects.Topics.Length; i++)
        {
            var suspect = suspects.Topics[i];
            if (current[i] is { FileDiffers: false })
            {
                tracker.Tell(new TopicConfirmedClean(suspect.Topic, suspect.Stamp));
                continue;
            }

            problems[suspect.Topic] = Describe(suspect, current[i]);
        }

        if (problems.Count == 0)
        {
            return HealthCheckResult.Healthy("every topic serves its file");
        }

        var summary = string.Join("; ", problems.Take(5).Select(p => p.Key + ": " + p.Value));
        var more = problems.Count > 5 ? string.Create(CultureInfo.InvariantCulture, $"; and {problems.Count - 5} more") : string.Empty;
        return HealthCheckResult.Degraded(
            string.Create(CultureInfo.InvariantCulture, $"{problems.Count} topic(s) do not serve their file: {summary}{more}"),
            data: problems);
    }

    private async Task<CurrentConfig?> ConfirmAsync(IActorRef region, TopicSuspect suspect, CancellationToken cancellationToken)
    {
        try
        {
            return await region.Ask<CurrentConfig>(new GetCurrentConfig(suspect.Topic), _timeout, cancellationToken);
        }
        catch (Exception ex) when (ex is AskTimeoutException or InvalidCastException or TaskCanceledException)
        {
            // No answer (or TopicNotFound): report what the events said.
            return null;
        }
    }

    private static string Describe(TopicSuspect suspect, CurrentConfig? current)
    {
        var applied = (current?.Current?.Version ?? suspect.Version) is { } version
            ? "v" + version.ToString(CultureInfo.InvariantCulture) + " applied"
            : "no version applied";
        var why = current switch
        {
            { FileDeleted: true } => "the file was deleted",
            { PendingRejection: { } rejection } => "the file was rejected (" + rejection.Kind + "): " + string.Join("; ", rejection.Errors.Select(e => e.Message)),
            { Pinned: true } => "a rollback pins it; the file differs",
            { } => "the file differs",
            null => suspect.Event switch
            {
                ReloadEventType.RollbackSuccess => "rolled back; the file differs",
                ReloadEventType.ValidationFailed => "the file was rejected: " + suspect.Error,
                _ => "the last reload failed: " + suspect.Error,
            },
        };
        return applied + "; " + why;
    }
}
