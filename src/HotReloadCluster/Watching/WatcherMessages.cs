namespace HotReloadCluster.Watching;

/// <summary>The file itself was named by a raw event: forward to the debouncer without hashing.</summary>
internal sealed record FileTouched
{
    public static readonly FileTouched Instance = new();

    private FileTouched()
    {
    }
}

/// <summary>Something happened near the file (same directory, overflow, poll): re-hash and forward if it changed.</summary>
internal sealed record CheckForChange
{
    public static readonly CheckForChange Instance = new();

    private CheckForChange()
    {
    }
}

/// <summary>One raw sign of activity on a topic's file, for the debouncer.</summary>
internal sealed record FileActivity
{
    public static readonly FileActivity Instance = new();

    private FileActivity()
    {
    }
}

/// <summary>The topic's schema file changed while the topic's file did not: evaluate the file again.</summary>
internal sealed record SchemaActivity
{
    public static readonly SchemaActivity Instance = new();

    private SchemaActivity()
    {
    }
}

/// <summary>A file watcher telling its root that no file of its topic exists any more: stop it and forget the topic.</summary>
/// <param name="Topic">The topic.</param>
internal sealed record ForgetTopic(string Topic);
