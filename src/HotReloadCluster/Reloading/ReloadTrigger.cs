namespace HotReloadCluster.Reloading;

/// <summary>Why a <see cref="ReloadRequested"/> was sent.</summary>
internal enum ReloadTrigger
{
    /// <summary>The watcher found the topic at start, or the actor recovered: compare the file with the journal.</summary>
    Startup,

    /// <summary>The file changed (one per debounced burst).</summary>
    FileChanged,

    /// <summary>
    /// Only the topic's <c>&lt;name&gt;.schema.json</c> changed: the file is evaluated again even if its content was
    /// already rejected, so that fixing a schema applies the waiting file.
    /// </summary>
    SchemaChanged,
}
