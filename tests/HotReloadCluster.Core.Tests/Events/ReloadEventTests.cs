using System.Collections.Immutable;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Events;

namespace HotReloadCluster.Core.Tests.Events;

public sealed class ReloadEventTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Constructor_OnlyRequiredValues_OptionalsEmpty()
    {
        var reloadEvent = new ReloadEvent(ReloadEventType.FileChanged, "settings", At);

        Assert.Null(reloadEvent.FilePath);
        Assert.Null(reloadEvent.Version);
        Assert.Null(reloadEvent.NewConfig);
        Assert.Null(reloadEvent.Error);
        Assert.Empty(reloadEvent.Metadata);
        Assert.Null(reloadEvent.ReloadTime);
    }

    [Fact]
    public void Init_AllProperties_AreKept()
    {
        var config = new ConfigDocument(ConfigMap.Create(("port", ConfigScalar.FromInteger(80))));

        var reloadEvent = new ReloadEvent(ReloadEventType.ReloadSuccess, "settings", At)
        {
            FilePath = "/etc/app/settings.yaml",
            Version = 7,
            NewConfig = config,
            Metadata = ImmutableDictionary<string, string>.Empty.Add(ReloadEventMetadata.Hash, "abc"),
        };

        Assert.Equal("/etc/app/settings.yaml", reloadEvent.FilePath);
        Assert.Equal(7, reloadEvent.Version);
        Assert.Same(config, reloadEvent.NewConfig);
        Assert.Equal("abc", reloadEvent.Metadata["hash"]);
    }

    [Theory]
    [InlineData("12.5", 12.5)]
    [InlineData("0", 0.0)]
    [InlineData("1e3", 1000.0)]
    public void ReloadTime_InvariantNumber_IsParsed(string text, double expectedMs)
    {
        var reloadEvent = new ReloadEvent(ReloadEventType.ReloadSuccess, "t", At).WithMetadata("reload_time_ms", text);

        Assert.Equal(TimeSpan.FromTicks((long)(expectedMs * TimeSpan.TicksPerMillisecond)), reloadEvent.ReloadTime);
    }

    [Theory]
    [InlineData("12,5")]
    [InlineData("fast")]
    [InlineData("-1")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void ReloadTime_NotAUsableNumber_IsNull(string text)
    {
        var reloadEvent = new ReloadEvent(ReloadEventType.ReloadSuccess, "t", At).WithMetadata(ReloadEventMetadata.ReloadTimeMs, text);

        Assert.Null(reloadEvent.ReloadTime);
    }

    [Fact]
    public void WithReloadTime_Duration_RoundTripsThroughMetadata()
    {
        var duration = TimeSpan.FromTicks(123_456_789);

        var reloadEvent = new ReloadEvent(ReloadEventType.ReloadSuccess, "t", At).WithReloadTime(duration);

        Assert.Equal(duration, reloadEvent.ReloadTime);
        Assert.Equal("12345.6789", reloadEvent.Metadata[ReloadEventMetadata.ReloadTimeMs]);
    }

    [Fact]
    public void MetadataKeys_HaveTheAgreedNames()
    {
        Assert.Equal(
            ["reload_time_ms", "hash", "origin", "previous_version", "reason", "attempts"],
            new[]
            {
                ReloadEventMetadata.ReloadTimeMs, ReloadEventMetadata.Hash, ReloadEventMetadata.Origin,
                ReloadEventMetadata.PreviousVersion, ReloadEventMetadata.Reason, ReloadEventMetadata.Attempts,
            });
    }
}
