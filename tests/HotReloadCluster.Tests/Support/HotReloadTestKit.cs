using Akka.Actor;
using Akka.Configuration;
using HotReloadCluster.Core.Events;
using HotReloadCluster.Hosting;
using HotReloadCluster.Serialization;
using Xunit.Abstractions;

namespace HotReloadCluster.Tests.Support;

/// <summary>
/// A TestKit whose ActorSystem binds the project's serializer and uses a real SQLite journal in a temp folder
/// (or in-memory when asked). Also offers a temp folder for watched files.
/// </summary>
public abstract class HotReloadTestKit : Akka.TestKit.Xunit2.TestKit
{
    protected HotReloadTestKit(ITestOutputHelper output, TempDirectory? temp = null, bool sqlite = true, string? extraHocon = null, PostgresDatabase? postgres = null)
        : this(temp ?? new TempDirectory(), sqlite, extraHocon, output, postgres)
    {
    }

    private HotReloadTestKit(TempDirectory temp, bool sqlite, string? extraHocon, ITestOutputHelper output, PostgresDatabase? postgres)
        : base(BuildConfig(temp, sqlite, extraHocon, postgres?.Persistence), "test", output)
    {
        Temp = temp;
        Postgres = postgres;
        DatabasePath = System.IO.Path.Combine(temp.Path, ".data", "journal.db");
    }

    /// <summary>The test's PostgreSQL database, when it runs on PostgreSQL.</summary>
    protected PostgresDatabase? Postgres { get; }

    protected TempDirectory Temp { get; }

    protected string DatabasePath { get; }

    public static Config BuildConfig(TempDirectory temp, bool sqlite, string? extraHocon = null, HotReloadPersistence? persistence = null)
    {
        persistence ??= sqlite
            ? HotReloadPersistence.Sqlite(System.IO.Path.Combine(temp.Path, ".data", "journal.db"))
            : HotReloadPersistence.InMemory;
        return ConfigurationFactory.ParseString(extraHocon ?? string.Empty)
            .WithFallback(ConfigurationFactory.ParseString("""
                akka.loglevel = INFO
                akka.actor.serialize-messages = off
                akka.test.timefactor = 1
                """))
            .WithFallback(ConfigurationFactory.ParseString(SerializationHocon.Config))
            .WithFallback(ConfigurationFactory.ParseString(RuntimeHocon.Config))
            .WithFallback(PersistenceHocon.For(persistence));
    }

    /// <summary>A probe that receives every <see cref="ReloadEvent"/> published in <paramref name="system"/>.</summary>
    protected Akka.TestKit.TestProbe EventProbe(ActorSystem? system = null)
    {
        system ??= Sys;
        var probe = CreateTestProbe(system);
        system.EventStream.Subscribe(probe.Ref, typeof(ReloadEvent));
        return probe;
    }

    /// <summary>Waits for the next event of <paramref name="type"/> (skipping others) for <paramref name="topic"/>.</summary>
    protected static ReloadEvent ExpectEvent(Akka.TestKit.TestProbe probe, ReloadEventType type, string topic, TimeSpan? timeout = null) =>
        probe.FishForMessage<ReloadEvent>(e => e.Type == type && e.Topic == topic, timeout ?? TimeSpan.FromSeconds(10));

    protected override void AfterAll()
    {
        base.AfterAll();
        Temp.Dispose();
        Postgres?.Dispose();
    }
}
