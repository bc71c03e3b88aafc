using System.Collections.Immutable;
using HotReloadCluster.Cluster;
using HotReloadCluster.Cluster.Tls;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Parsing;
using HotReloadCluster.Node;
using HotReloadCluster.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace HotReloadCluster.Tests.Deployment;

/// <summary>
/// No Docker engine runs here, so the compose file is checked against the node instead: every setting and flag
/// it uses is one the node understands and accepts, seeds name real services and ports, the source nodes
/// watch the mounted cluster-config, and every node runs mutual TLS with certificates scripts/make-certs.sh makes.
/// </summary>
public sealed class ComposeFileSpecs
{
    private readonly string _root = NodeProcess.RepositoryRoot();
    private readonly ConfigMap _services;

    public ComposeFileSpecs()
    {
        var compose = new ConfigParser().ParseFile(Path.Combine(_root, "docker-compose.yml")).GetDocumentOrThrow();
        _services = (ConfigMap)compose.Find("services")!;
    }

    [Fact]
    public void Services_AreThreeNodesAndPostgres()
    {
        Assert.Equal(["postgres", "node1", "node2", "node3"], _services.Keys);
        Assert.True(File.Exists(Path.Combine(_root, "Dockerfile")));
        Assert.Contains("HotReloadCluster.Node.dll", File.ReadAllText(Path.Combine(_root, "Dockerfile")), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryNode_SettingsAndFlags_AreAcceptedByTheNode()
    {
        foreach (var (name, settings) in Nodes())
        {
            Assert.True(settings.Roles.All(HotReloadRoles.All.Contains), $"{name}: unknown role");
            Assert.Equal(name, settings.Hostname);
        }
    }

    [Fact]
    public void Seeds_NameServicesAndTheirPorts()
    {
        var nodes = Nodes().ToDictionary(n => n.Name, n => n.Settings);
        foreach (var (name, settings) in nodes)
        {
            Assert.NotEmpty(settings.Seeds);
            foreach (var seed in settings.Seeds)
            {
                var (host, port) = (seed.Split(':')[0], int.Parse(seed.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
                Assert.True(nodes.ContainsKey(host), $"{name}: seed {seed} is not a service");
                Assert.Equal(nodes[host].Port, port);
            }
        }
    }

    [Fact]
    public void SourceNodes_WatchTheMountedConfigAndSharePostgres()
    {
        var sources = Nodes().Where(n => n.Settings.Roles.Contains(HotReloadRoles.Source)).ToList();
        Assert.Equal(2, sources.Count);
        foreach (var (name, settings) in sources)
        {
            var service = (ConfigMap)_services[name];
            var volumes = ((ConfigSequence)service["volumes"]).Items.Select(v => ((ConfigScalar)v).Text).ToList();
            var watch = Assert.Single(settings.Watch);
            Assert.Contains($"./cluster-config:{watch}", volumes);
            Assert.StartsWith("postgres:Host=postgres;", settings.Journal, StringComparison.Ordinal);
            Assert.True(Directory.Exists(Path.Combine(_root, "cluster-config")));
        }

        Assert.Contains(Nodes(), n => n.Settings.Subscribe.Contains("settings") && n.Settings.Roles.Contains(HotReloadRoles.Subscriber));
    }

    [Fact]
    public void EveryNode_UsesMutualTls_WithCertificatesFromTheMountedFolder()
    {
        foreach (var (name, settings) in Nodes())
        {
            var service = (ConfigMap)_services[name];
            var volumes = ((ConfigSequence)service["volumes"]).Items.Select(v => ((ConfigScalar)v).Text).ToList();
            Assert.Contains("./certs:/certs:ro", volumes);
            Assert.Equal("/certs/ca.pem", settings.Tls.CaPath);
            Assert.StartsWith($"/certs/{name}.", settings.Tls.CertificatePath, StringComparison.Ordinal);
            if (settings.Tls.CertificatePath!.EndsWith(".pfx", StringComparison.Ordinal))
            {
                // The password comes from the host's environment, never from the file.
                Assert.StartsWith("${HOTRELOAD_TLS__PASSWORD:?", settings.Tls.Password, StringComparison.Ordinal);
                Assert.Null(settings.Tls.KeyPath);
            }
            else
            {
                Assert.Equal($"/certs/{name}.key", settings.Tls.KeyPath);
            }
        }
    }

    [Fact]
    public void CertificatesMadeByTheScript_LoadForEveryNodeAsTheComposeFileNamesThem()
    {
        using var certs = new TempDirectory();
        var nodes = Nodes().ToList();
        TestCertificates.MakeCertsScript(certs.Path, [.. nodes.Select(n => n.Name), "hrc"]);
        string? Mounted(string? path) => path?.Replace("/certs/", certs.Path + "/", StringComparison.Ordinal);

        foreach (var (name, settings) in nodes)
        {
            var tls = TlsCertificateLoader.Load(settings.Tls with
            {
                CertificatePath = Mounted(settings.Tls.CertificatePath),
                KeyPath = Mounted(settings.Tls.KeyPath),
                CaPath = Mounted(settings.Tls.CaPath),
                Password = settings.Tls.Password is null ? null : TestCertificates.Password,
            });

            Assert.Equal("CN=" + name, tls.Certificate.Subject);
            Assert.Equal(TlsRemoting.TlsProtocol, new ClusterNodeOptions { Tls = tls, Seeds = settings.Seeds }.SeedAddresses()[0].Split("://")[0]);
        }
    }

    private IEnumerable<(string Name, NodeSettings Settings)> Nodes()
    {
        foreach (var (name, node) in _services.Entries.Where(e => e.Key.StartsWith("node", StringComparison.Ordinal)))
        {
            var service = (ConfigMap)node;
            var environment = ((ConfigMap)service["environment"]).Entries
                .ToDictionary(e => e.Key, e => ((ConfigScalar)e.Value).Text);
            foreach (var key in environment.Keys.Where(k => k.StartsWith("HOTRELOAD_", StringComparison.Ordinal)))
            {
                Assert.True(CommandLine.Keys.Contains(key["HOTRELOAD_".Length..].Split("__")[0]), $"{name}: the node does not know {key}");
            }

            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(CommandLine.EnvironmentOverrides(new System.Collections.Hashtable(environment)))
                .Build();
            Assert.Null(CommandLine.TryBind(configuration, out var fromEnvironment));
            var args = service.TryGetValue("command", out var command)
                ? ((ConfigSequence)command).Items.Select(i => ((ConfigScalar)i).Text).ToImmutableArray()
                : [];
            Assert.All(args.Where(a => a.StartsWith('-')), flag => Assert.Contains(flag, CommandLine.Flags));
            Assert.Null(CommandLine.TryParse(args, fromEnvironment, out var settings, out _));
            yield return (name, settings);
        }
    }
}
