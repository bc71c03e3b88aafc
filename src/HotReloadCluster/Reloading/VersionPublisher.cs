using Akka.Actor;
using HotReloadCluster.Registry;

namespace HotReloadCluster.Reloading;

/// <summary>
/// The ReloadActor's side of publishing: tells the topic's registry entity the latest version and tells it again every
/// second until the registry acknowledges that version or a later one. Only the latest version is ever resent.
/// </summary>
internal sealed class VersionPublisher
{
    private const string TimerKey = "publish";
    private static readonly TimeSpan ResendAfter = TimeSpan.FromSeconds(1);
    private readonly string _topic;
    private readonly IActorRef? _registry;
    private readonly Func<ITimerScheduler> _timers;
    private long _acknowledged;

    public VersionPublisher(string topic, IActorRef? registry, Func<ITimerScheduler> timers)
    {
        _topic = topic;
        _registry = registry;
        _timers = timers;
    }

    /// <summary>The latest version told (or to tell) to the registry.</summary>
    public ConfigChanged? Latest { get; private set; }

    /// <summary>Publishes <paramref name="change"/> as the latest version.</summary>
    public void Publish(ConfigChanged change)
    {
        Latest = change;
        Send();
    }

    /// <summary>The registry asked for the latest version (it restarted or moved): send it again even if acknowledged.</summary>
    public void Reset()
    {
        _acknowledged = 0;
        Send();
    }

    /// <summary>The registry holds <paramref name="version"/>.</summary>
    public void Acknowledged(long version)
    {
        _acknowledged = Math.Max(_acknowledged, version);
        if (Latest is null || _acknowledged >= Latest.Version)
        {
            _timers().Cancel(TimerKey);
        }
    }

    /// <summary>The resend timer fired.</summary>
    public void Resend() => Send();

    /// <summary>The timer message.</summary>
    public static object Tick => PublishTick.Instance;

    private void Send()
    {
        if (_registry is null || Latest is not { } latest || latest.Version <= _acknowledged)
        {
            return;
        }

        _registry.Tell(new VersionPublished(_topic, latest));
        _timers().StartSingleTimer(TimerKey, PublishTick.Instance, ResendAfter);
    }

    /// <summary>The resend timer's message.</summary>
    internal sealed record PublishTick
    {
        public static readonly PublishTick Instance = new();

        private PublishTick()
        {
        }
    }
}
