using System.Collections.Frozen;
using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;
using HotReloadCluster.Admin;
using HotReloadCluster.Registry;
using HotReloadCluster.Reloading;

namespace HotReloadCluster.Serialization;

/// <summary>
/// The one serializer for every <see cref="IHotReloadMessage"/>, on the wire and in the journal: UTF-8 JSON
/// with an explicit, versioned manifest per type. Only the types in its table can be read; no type name from
/// the data is ever resolved. Renaming a C# type does not change its manifest, so old journals stay readable.
/// </summary>
public sealed class HotReloadSerializer : SerializerWithStringManifest
{
    /// <summary>The serializer id (unique in the ActorSystem; Akka reserves 0–40).</summary>
    public const int SerializerId = 7431;


    private static readonly FrozenDictionary<Type, string> ManifestByType = new Dictionary<Type, string>
    {
        [typeof(ConfigApplied)] = "config-applied.v1",
        [typeof(ConfigRejected)] = "config-rejected.v1",
        [typeof(ReloadSnapshot)] = "reload-snapshot.v1",
        [typeof(ReloadRequested)] = "reload-requested.v1",
        [typeof(ManualReload)] = "manual-reload.v1",
        [typeof(Rollback)] = "rollback.v1",
        [typeof(ReloadOutcome)] = "reload-outcome.v1",
        [typeof(GetCurrentConfig)] = "get-current-config.v1",
        [typeof(CurrentConfig)] = "current-config.v1",
        [typeof(GetHistory)] = "get-history.v1",
        [typeof(TopicHistory)] = "topic-history.v1",
        [typeof(GetTopicStatistics)] = "get-topic-statistics.v1",
        [typeof(TopicStatistics)] = "topic-statistics.v1",
        [typeof(EnsureTopic)] = "ensure-topic.v1",
        [typeof(TopicEnsured)] = "topic-ensured.v1",
        [typeof(TopicNotFound)] = "topic-not-found.v1",
        [typeof(GetTopics)] = "get-topics.v1",
        [typeof(TopicList)] = "topic-list.v1",
        [typeof(VersionPublished)] = "version-published.v1",
        [typeof(VersionAcknowledged)] = "version-acknowledged.v1",
        [typeof(RequestLatest)] = "request-latest.v1",
        [typeof(ConfigChanged)] = "config-changed.v1",
        [typeof(SubscribeTopic)] = "subscribe-topic.v1",
        [typeof(UnsubscribeTopic)] = "unsubscribe-topic.v1",
        [typeof(ApplyFailed)] = "apply-failed.v1",
        [typeof(GetRegistryState)] = "get-registry-state.v1",
        [typeof(RegistryState)] = "registry-state.v1",
        [typeof(AdminRequest)] = "admin-request.v1",
        [typeof(AdminResponse)] = "admin-response.v1",
        [typeof(AdminTailEvent)] = "admin-tail-event.v1",
        [typeof(RecordAudit)] = "record-audit.v1",
        [typeof(GetAudit)] = "get-audit.v1",
        [typeof(AuditRecorded)] = "audit-recorded.v1",
        [typeof(StatusPayload)] = "admin-status.v1",
        [typeof(TopicsPayload)] = "admin-topics.v1",
        [typeof(ShowPayload)] = "admin-show.v1",
        [typeof(HistoryPayload)] = "admin-history.v1",
        [typeof(DiffPayload)] = "admin-diff.v1",
        [typeof(OutcomesPayload)] = "admin-outcomes.v1",
        [typeof(AuditPayload)] = "admin-audit.v1",
        [typeof(TailStartedPayload)] = "admin-tail-started.v1",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, Type> TypeByManifest =
        ManifestByType.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>Created by Akka from configuration.</summary>
    public HotReloadSerializer(ExtendedActorSystem system)
        : base(system)
    {
        _options = CreateOptions(system);
    }

    private readonly JsonSerializerOptions _options;

    /// <inheritdoc />
    public override int Identifier => SerializerId;

    /// <summary>The manifests this serializer knows, by type.</summary>
    public static IReadOnlyDictionary<Type, string> Manifests => ManifestByType;

    /// <inheritdoc />
    public override string Manifest(object o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return ManifestByType.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new ArgumentException($"{o.GetType().FullName} has no manifest in {nameof(HotReloadSerializer)}; add it to the table.", nameof(o));
    }

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        _ = Manifest(obj);
        return obj is GetTopics ? [] : JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), _options);
    }

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!TypeByManifest.TryGetValue(manifest, out var type))
        {
            throw new SerializationException($"Unknown manifest '{manifest}' for {nameof(HotReloadSerializer)}.");
        }

        if (type == typeof(GetTopics))
        {
            return GetTopics.Instance;
        }

        return JsonSerializer.Deserialize(bytes, type, _options)
            ?? throw new SerializationException($"Manifest '{manifest}' deserialized to null.");
    }

    private static JsonSerializerOptions CreateOptions(ExtendedActorSystem system)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.Converters.Add(new ActorRefJsonConverter(system));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
