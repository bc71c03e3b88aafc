using Spectre.Console.Cli;

namespace HotReloadCluster.Hrc.Cli;

/// <summary>The command tree of <c>hrc</c>.</summary>
internal static class HrcApp
{
    public static void Configure(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.SetApplicationName("hrc");
        config.PropagateExceptions();

        // An unknown option is a usage error (exit 2), not silently ignored: a mistyped --tls-cert must not run plain.
        config.UseStrictParsing();
        config.AddCommand<StatusCliCommand>("status").WithDescription("Nodes, topics and reload statistics.");
        config.AddCommand<TopicsCliCommand>("topics").WithDescription("Every topic with its current version.");
        config.AddCommand<NodesCliCommand>("nodes").WithDescription("Every subscriber node with the version it runs of each topic.");
        config.AddCommand<ShowCliCommand>("show").WithDescription("A topic's content as stored (secrets never resolved), raw.");
        config.AddCommand<HistoryCliCommand>("history").WithDescription("Every version and rejected attempt of a topic.");
        config.AddCommand<DiffCliCommand>("diff").WithDescription("Added (+), removed (-) and changed (~) paths between two versions.");
        config.AddCommand<ReloadCliCommand>("reload").WithDescription("Reload one topic, or all, from its file now.");
        config.AddCommand<RollbackCliCommand>("rollback").WithDescription("Roll a topic back: --to N, --previous or --initial.");
        config.AddCommand<TailCliCommand>("tail").WithDescription("Live reload events until Ctrl+C.");
        config.AddCommand<AuditCliCommand>("audit").WithDescription("The admin audit trail.");
    }
}
