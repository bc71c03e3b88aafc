using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Validation;
using HotReloadCluster.Reloading;

namespace HotReloadCluster.Tests.Reloading;

/// <summary>The pure state of a topic: the index, retention and the journal order.</summary>
public sealed class ReloadStateSpecs
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch;

    [Fact]
    public void Trim_KeepsTheLastVersionsPlusSlack_ThenCutsToKeepVersions()
    {
        var state = WithVersions(11, keepEvery: TimeSpan.Zero);
        var retention = new RetentionSettings { KeepVersions = 10 };

        Assert.Equal(0, state.Trim(retention, T0).DeleteTo); // 11 ≤ 10 + slack 1

        state = state.Apply(Applied(12, T0), 12);
        var (trimmed, deleteTo) = state.Trim(retention, T0);
        Assert.Equal(10, trimmed.Versions.Count);
        Assert.Equal(3, trimmed.OldestKeptVersion);
        Assert.Equal(2, deleteTo); // events up to the last dropped version's sequence number
        Assert.Equal(12, trimmed.Current!.Version);
    }

    [Fact]
    public void Trim_WithKeepFor_KeepsEveryYoungerVersionEvenBeyondTheCount()
    {
        var state = WithVersions(30, keepEvery: TimeSpan.FromDays(1)); // version n applied on day n
        var retention = new RetentionSettings { KeepVersions = 5, KeepFor = TimeSpan.FromDays(10) };

        var (trimmed, deleteTo) = state.Trim(retention, T0 + TimeSpan.FromDays(30));

        Assert.Equal(20, trimmed.OldestKeptVersion); // day 20 is the first within 10 days of day 30
        Assert.Equal(19, deleteTo);
    }

    [Fact]
    public void Trim_WithKeepFor_StillDeletesInBatches()
    {
        var retention = new RetentionSettings { KeepVersions = 100, KeepFor = TimeSpan.FromDays(1) };
        var state = WithVersions(300, keepEvery: TimeSpan.FromHours(1)); // version n applied n hours after T0

        var trims = 0;
        for (var v = 301; v <= 400; v++)
        {
            state = state.Apply(Applied(v, T0 + TimeSpan.FromHours(v)), v);
            var (trimmed, deleteTo) = state.Trim(retention, T0 + TimeSpan.FromHours(v));
            if (deleteTo > 0)
            {
                trims++;
                state = trimmed;
            }
        }

        Assert.InRange(trims, 1, 10); // a batch of at least Slack (10) versions each time, not one per version
        Assert.InRange(state.Versions.Count, 100, 135);
    }

    [Fact]
    public void Trim_DropsTheRejectionsBeforeTheOldestKeptVersion()
    {
        var state = ReloadState.Empty("t").Apply(Applied(1, T0), 1).Apply(Rejected(T0), 2).Apply(Applied(2, T0), 3).Apply(Rejected(T0), 4).Apply(Applied(3, T0), 5).Apply(Applied(4, T0), 6);

        var (trimmed, _) = state.Trim(new RetentionSettings { KeepVersions = 2 }, T0);

        Assert.Equal(3, trimmed.OldestKeptVersion);
        Assert.Empty(trimmed.Rejections);
    }

    [Fact]
    public void History_IsInJournalOrder_WhateverTheTimestamps()
    {
        var state = ReloadState.Empty("t")
            .Apply(Applied(1, T0 + TimeSpan.FromHours(2)), 1)
            .Apply(Rejected(T0 + TimeSpan.FromHours(1)), 2)
            .Apply(Applied(2, T0), 3)
            .RecordInMemory(new ConfigRejected("t", "sha256:9", RejectionKind.Parse, [new ValidationError("", "bad")], ConfigOrigin.File("/t.yaml"), T0 - TimeSpan.FromHours(1)));

        Assert.Equal(["v1", "rejected", "v2", "rejected"], state.History().Select(e => e.IsApplied ? "v" + e.Version : "rejected"));
        Assert.NotNull(state.PendingRejection);
        Assert.False(state.History()[^1].Errors.IsEmpty);
    }

    [Fact]
    public void Rejections_AfterTheJournalCap_AreKeptInMemoryOnly_AndTheIndexStaysBounded()
    {
        var state = ReloadState.Empty("t").Apply(Applied(1, T0), 1);
        var seq = 1L;
        for (var i = 0; i < ReloadState.MaxJournaledRejectionsPerVersion; i++)
        {
            state = state.Apply(Rejected(T0), ++seq);
        }

        Assert.False(state.JournalsNextRejection);
        for (var i = 0; i < ReloadState.MaxRetainedRejections; i++)
        {
            state = state.RecordInMemory(new ConfigRejected("t", "h" + i, RejectionKind.Parse, [], ConfigOrigin.File("/t.yaml"), T0));
        }

        Assert.Equal(ReloadState.MaxRetainedRejections, state.Rejections.Count);
        Assert.True(state.Apply(Applied(2, T0), ++seq).JournalsNextRejection);
    }

    [Fact]
    public void Snapshot_HoldsTheIndexAndOnlyTheCurrentContent()
    {
        var state = WithVersions(50, keepEvery: TimeSpan.Zero);

        var snapshot = state.ToSnapshot();
        var back = ReloadState.FromSnapshot(snapshot, 50);

        Assert.Equal(50, snapshot.Versions.Length);
        Assert.Equal("v: 50\n", snapshot.Current!.Content);
        Assert.Equal(Json(state.History()), Json(back.History()));
        Assert.Equal(state.Current, back.Current);
        Assert.Equal(51, back.NextVersion);
    }

    private static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value);

    private static ReloadState WithVersions(int count, TimeSpan keepEvery)
    {
        var state = ReloadState.Empty("t");
        for (var v = 1; v <= count; v++)
        {
            state = state.Apply(Applied(v, T0 + (keepEvery * v)), v);
        }

        return state;
    }

    private static ConfigApplied Applied(long version, DateTimeOffset at) =>
        new("t", version, $"v: {version}\n", ConfigFormat.Yaml, "sha256:" + version, ConfigOrigin.File("/t.yaml"), at);

    private static ConfigRejected Rejected(DateTimeOffset at) =>
        new("t", "sha256:bad", RejectionKind.Parse, [new ValidationError("", "bad")], ConfigOrigin.File("/t.yaml"), at);
}
