using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;

namespace HotReloadCluster.Hrc.Transport;

/// <summary>Akka's log, to stderr: stdout carries only command output.</summary>
internal sealed class StderrLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    public StderrLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(e => Console.Error.WriteLine(e.ToString()));
    }
}
