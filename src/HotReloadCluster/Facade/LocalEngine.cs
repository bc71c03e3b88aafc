using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Hosting.Logging;
using HotReloadCluster.Hosting;
using HotReloadCluster.Serialization;
using Microsoft.Extensions.Logging;

namespace HotReloadCluster.Facade;

/// <summary>
/// The one ActorSystem that every in-process reloader without an application ActorSystem shares (the
/// <see cref="ConfigHotReloader"/> facade with its default in-memory journal, and the <c>AddHotReloadFile</c> /
/// <c>AddHotReloadFolder</c> configuration sources): an ActorSystem costs ~30 MB of resident memory and ~250 ms to start
/// in a fresh process, paid once however many files and reloaders a process has. No IHost, no remoting, no cluster: the
/// in-memory journal, the project's scheduler and mailbox, Akka logging into the given ILoggerFactory (warnings and
/// errors). Reference counted: it terminates when the last reloader stops.
/// </summary>
internal sealed class LocalEngine
{
    private static readonly object Gate = new();
    private static LocalEngine? _shared;
    private int _references;
    private long _registrations;

    private LocalEngine(ActorSystem system) => System = system;

    /// <summary>The ActorSystem.</summary>
    public ActorSystem System { get; }

    /// <summary>The journal plugin every registration uses.</summary>
    public const string JournalPluginId = "akka.persistence.journal.inmem";

    /// <summary>The snapshot plugin every registration uses.</summary>
    public const string SnapshotPluginId = "akka.persistence.snapshot-store.inmem";

    /// <summary>Takes a reference on the shared engine, starting it when there is none.</summary>
    public static LocalEngine Acquire(ILoggerFactory loggerFactory)
    {
        lock (Gate)
        {
            if (_shared is null || _shared.System.WhenTerminated.IsCompleted)
            {
                _shared = new LocalEngine(Start(loggerFactory));
            }

            _shared._references++;
            return _shared;
        }
    }

    /// <summary>A prefix unique in this engine, for the names and persistence ids of one registration.</summary>
    public string NextPrefix() => "r" + Interlocked.Increment(ref _registrations).ToString(global::System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Gives a reference back; the last one terminates the ActorSystem.</summary>
    public async Task ReleaseAsync()
    {
        bool last;
        lock (Gate)
        {
            last = --_references == 0;
            if (last && ReferenceEquals(_shared, this))
            {
                _shared = null;
            }
        }

        if (last)
        {
            await System.Terminate().ConfigureAwait(false);
        }
    }

    private static ActorSystem Start(ILoggerFactory loggerFactory)
    {
        var config = ConfigurationFactory.ParseString($$"""
                akka.loglevel = WARNING
                akka.stdout-loglevel = OFF
                akka.loggers = ["Akka.Hosting.Logging.LoggerFactoryLogger, Akka.Hosting"]
                akka.logger-startup-timeout = 10s
                akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
                akka.persistence.journal.plugin = "{{JournalPluginId}}"
                akka.persistence.snapshot-store.plugin = "{{SnapshotPluginId}}"
                """)
            .WithFallback(ConfigurationFactory.ParseString(RuntimeHocon.Config))
            .WithFallback(ConfigurationFactory.ParseString(SerializationHocon.Config));
        var setup = BootstrapSetup.Create().WithConfig(config).And(new LoggerFactorySetup(loggerFactory));
        return ActorSystem.Create("hotreload-local", setup);
    }
}
