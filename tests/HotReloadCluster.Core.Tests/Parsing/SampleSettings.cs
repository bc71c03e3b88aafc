using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Core.Tests.Parsing;

/// <summary>A realistic settings file and the tree it must parse to.</summary>
internal static class SampleSettings
{
    public const string Yaml = """
        # Orders service settings
        app:
          name: orders-service
          environment: production
          version: "2.10"        # quoted: a string, not the float 2.1
        database:
          host: "${DB_HOST}"
          port: 5432
          name: orders
          password: ${DB_PASSWORD:-changeme}
          pool:
            min: 5
            max: 50
            idle_timeout_seconds: 30.5
          replicas:
            - host: replica-1.internal
              port: 5433
            - host: replica-2.internal
              port: 5433
        features:
          - billing
          - new-checkout
          - 'search'
        logging:
          level: Information
          json: true
          sinks: []
          overrides: {}
        cache: ~
        """;

    public static ConfigDocument Expected { get; } = new(ConfigMap.Create(
        ("app", ConfigMap.Create(
            ("name", S("orders-service")),
            ("environment", S("production")),
            ("version", S("2.10")))),
        ("database", ConfigMap.Create(
            ("host", S("${DB_HOST}")),
            ("port", I(5432)),
            ("name", S("orders")),
            ("password", S("${DB_PASSWORD:-changeme}")),
            ("pool", ConfigMap.Create(
                ("min", I(5)),
                ("max", I(50)),
                ("idle_timeout_seconds", ConfigScalar.FromFloat(30.5)))),
            ("replicas", ConfigSequence.Create(
                ConfigMap.Create(("host", S("replica-1.internal")), ("port", I(5433))),
                ConfigMap.Create(("host", S("replica-2.internal")), ("port", I(5433))))))),
        ("features", ConfigSequence.Create(S("billing"), S("new-checkout"), S("search"))),
        ("logging", ConfigMap.Create(
            ("level", S("Information")),
            ("json", ConfigScalar.True),
            ("sinks", ConfigSequence.Empty),
            ("overrides", ConfigMap.Empty))),
        ("cache", ConfigScalar.Null)));

    private static ConfigScalar S(string value) => ConfigScalar.FromString(value);

    private static ConfigScalar I(long value) => ConfigScalar.FromInteger(value);
}
