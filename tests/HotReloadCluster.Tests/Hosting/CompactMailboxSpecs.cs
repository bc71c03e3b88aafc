using Akka.Actor;
using Akka.Configuration;
using HotReloadCluster.Hosting;
using HotReloadCluster.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace HotReloadCluster.Tests.Hosting;

/// <summary>The mailbox of the per-file actors (the ReloadActor specs run on it too).</summary>
public sealed class CompactMailboxSpecs(ITestOutputHelper output) : HotReloadTestKit(output, sqlite: false)
{
    [Fact]
    public void Messages_arrive_in_order_and_unstashed_ones_come_first()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new Stasher(probe.Ref)).WithCompactMailbox(Sys));
        for (var i = 1; i <= 50; i++)
        {
            actor.Tell(i);
        }

        actor.Tell("open");
        actor.Tell(51);
        for (var i = 1; i <= 51; i++)
        {
            probe.ExpectMsg(i);
        }
    }

    [Fact]
    public void The_buffer_puts_messages_back_at_the_front_in_order_and_gives_its_backlog_back()
    {
        var buffer = new CompactMessageBuffer();
        for (var i = 0; i < 100; i++)
        {
            buffer.Enqueue(ActorRefs.Nobody, new Envelope(i, ActorRefs.NoSender));
        }

        Assert.True(buffer.TryDequeue(out var first));
        buffer.EnqueueFirst(new Envelope("b", ActorRefs.NoSender));
        buffer.EnqueueFirst(new Envelope("a", ActorRefs.NoSender));
        Assert.Equal(101, buffer.Count);

        var seen = new List<object>();
        while (buffer.TryDequeue(out var envelope))
        {
            seen.Add(envelope.Message);
        }

        Assert.Equal(0, first.Message);
        Assert.Equal<object>(["a", "b", .. Enumerable.Range(1, 99).Cast<object>()], seen);
        Assert.False(buffer.HasMessages);
        Assert.Equal(0, buffer.Count);
    }

    [Fact]
    public void A_system_without_the_hosting_hocon_keeps_the_default_mailbox()
    {
        using var plain = ActorSystem.Create("plain", ConfigurationFactory.Empty);
        var props = Props.Create(() => new Stasher(ActorRefs.Nobody));
        Assert.Same(props, props.WithCompactMailbox(plain));
        Assert.Equal(RuntimeHocon.CompactMailboxId, props.WithCompactMailbox(Sys).Mailbox);
        var started = plain.ActorOf(props.WithCompactMailbox(plain));
        Assert.NotNull(started);
    }

    private sealed class Stasher : ReceiveActor, IWithUnboundedStash
    {
        public Stasher(IActorRef probe)
        {
            Receive<int>(_ => Stash.Stash());
            Receive<string>(_ =>
            {
                Become(() => Receive<int>(i => probe.Tell(i)));
                Stash.UnstashAll();
            });
        }

        public IStash Stash { get; set; } = null!;
    }
}
