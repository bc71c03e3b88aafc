namespace HotReloadCluster.Core.Events;

/// <summary>What happened in a reload pipeline.</summary>
public enum ReloadEventType
{
    /// <summary>A watched file changed on disk; a reload attempt may follow.</summary>
    FileChanged,

    /// <summary>A new configuration was parsed, validated and applied.</summary>
    ReloadSuccess,

    /// <summary>A reload attempt failed before validation (unreadable file, parse error, limits).</summary>
    ReloadFailed,

    /// <summary>A new configuration was parsed but rejected by validation; the old one stays.</summary>
    ValidationFailed,

    /// <summary>A previous configuration version was restored.</summary>
    RollbackSuccess,

    /// <summary>
    /// Several files define one topic (e.g. <c>settings.yaml</c> and <c>settings.json</c>): the event's error names the
    /// file that is read and the ones that are ignored. Reported once per change of the set of files.
    /// </summary>
    TopicCollision,
}
