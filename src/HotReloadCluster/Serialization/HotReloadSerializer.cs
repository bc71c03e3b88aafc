using System.Buffers.Binary;
using System.Collections.Frozen;
using System.Text;
using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;
using HotReloadCluster.Admin;
using HotReloadCluster.Content;
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
        [typeof(ConfigApplied)] = "config-applied.v2",
        [typeof(ConfigRejected)] = "config-rejected.v1",
        [typeof(ReloadSnapshot)] = "reload-snapshot.v1",
        [typeof(TopicSnapshot)] = "topic-snapshot.v1",
        [typeof(FetchContent)] = "fetch-content.v1",
        [typeof(ContentChunk)] = "content-chunk.v1",
        [typeof(ContentUnavailable)] = "content-unavailable.v1",
        [typeof(GetVersion)] = "get-version.v1",
        [typeof(VersionLookup)] = "version-lookup.v1",
        [typeof(AdminResponsePart)] = "admin-response-part.v1",
        [typeof(AdminFetchPart)] = "admin-fetch-part.v1",
        [typeof(ReloadRequested)] = "reload-requested.v1",
        [typeof(ManualReload)] = "manual-reload.v1",
        [typeof(Rollback)] = "rollback.v1",
        [typeof(ReloadOutcome)] = "reload-outcome.v1",
        [typeof(GetCurrentConfig)] = "get-current-config.v1",
        [typeof(CurrentConfig)] = "current-config.v2",
        [typeof(GetHistory)] = "get-history.v2",
        [typeof(TopicHistory)] = "topic-history.v2",
        [typeof(GetTopicStatistics)] = "get-topic-statistics.v1",
        [typeof(TopicStatistics)] = "topic-statistics.v1",
        [typeof(EnsureTopic)] = "ensure-topic.v1",
        [typeof(TopicEnsured)] = "topic-ensured.v1",
        [typeof(TopicNotFound)] = "topic-not-found.v1",
        [typeof(GetTopics)] = "get-topics.v1",
        [typeof(TopicList)] = "topic-list.v1",
        [typeof(VersionPublished)] = "version-published.v2",
        [typeof(VersionAcknowledged)] = "version-acknowledged.v1",
        [typeof(RequestLatest)] = "request-latest.v1",
        [typeof(ConfigChanged)] = "config-changed.v2",
        [typeof(SubscribeTopic)] = "subscribe-topic.v1",
        [typeof(UnsubscribeTopic)] = "unsubscribe-topic.v1",
        [typeof(ApplyFailed)] = "apply-failed.v1",
        [typeof(GetRegistryState)] = "get-registry-state.v1",
        [typeof(RegistryState)] = "registry-state.v1",
        [typeof(VersionReport)] = "version-report.v1",
        [typeof(AdminRequest)] = "admin-request.v1",
        [typeof(AdminResponse)] = "admin-response.v1",
        [typeof(AdminTailEvent)] = "admin-tail-event.v1",
        [typeof(RecordAudit)] = "record-audit.v1",
        [typeof(GetAudit)] = "get-audit.v1",
        [typeof(AuditRecorded)] = "audit-recorded.v1",
        [typeof(AuditSnapshot)] = "audit-snapshot.v1",
        [typeof(StatusPayload)] = "admin-status.v1",
        [typeof(TopicsPayload)] = "admin-topics.v1",
        [typeof(ShowPayload)] = "admin-show.v1",
        [typeof(HistoryPayload)] = "admin-history.v1",
        [typeof(DiffPayload)] = "admin-diff.v1",
        [typeof(OutcomesPayload)] = "admin-outcomes.v1",
        [typeof(AuditPayload)] = "admin-audit.v1",
        [typeof(TailStartedPayload)] = "admin-tail-started.v1",
        [typeof(NodesPayload)] = "admin-nodes.v1",
    }.ToFrozenDictionary();

    /// <summary>Manifests of earlier formats that are still read (journals written by earlier versions).</summary>
    private static readonly FrozenDictionary<string, Type> LegacyManifests = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        // JSON with the content as a string; version 2 is a binary envelope.
        ["config-applied.v1"] = typeof(ConfigApplied),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, Type> TypeByManifest =
        ManifestByType.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>The first byte of a binary envelope: a JSON header, then raw payload bytes.</summary>
    private const byte EnvelopeMarker = 0xB1;

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
        return obj switch
        {
            GetTopics => [],

            // Content and raw bytes go after a small JSON header, as they are: no JSON escaping, no base64.
            ConfigApplied applied => Envelope(applied with { Content = string.Empty }, Encoding.UTF8.GetBytes(applied.Content)),
            TopicSnapshot snapshot => Envelope(
                snapshot with { Current = snapshot.Current is { } c ? c with { Content = string.Empty } : null },
                snapshot.Current is { } current ? Encoding.UTF8.GetBytes(current.Content) : []),
            ContentChunk chunk => Envelope(chunk with { Data = [] }, chunk.Data),
            AdminResponsePart part => Envelope(part with { Data = [] }, part.Data),
            _ => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), _options),
        };
    }

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (LegacyManifests.TryGetValue(manifest, out var legacy))
        {
            return Json(bytes, legacy, manifest);
        }

        if (!TypeByManifest.TryGetValue(manifest, out var type))
        {
            throw new SerializationException($"Unknown manifest '{manifest}' for {nameof(HotReloadSerializer)}.");
        }

        if (type == typeof(GetTopics))
        {
            return GetTopics.Instance;
        }

        if (type == typeof(ConfigApplied))
        {
            var (header, payload) = Open<ConfigApplied>(bytes, manifest);
            return header with { Content = Encoding.UTF8.GetString(payload.Span) };
        }

        if (type == typeof(TopicSnapshot))
        {
            var (header, payload) = Open<TopicSnapshot>(bytes, manifest);
            return header.Current is { } current ? header with { Current = current with { Content = Encoding.UTF8.GetString(payload.Span) } } : header;
        }

        if (type == typeof(ContentChunk))
        {
            var (header, payload) = Open<ContentChunk>(bytes, manifest);
            return header with { Data = payload.ToArray() };
        }

        if (type == typeof(AdminResponsePart))
        {
            var (header, payload) = Open<AdminResponsePart>(bytes, manifest);
            return header with { Data = payload.ToArray() };
        }

        return Json(bytes, type, manifest);
    }

    private object Json(ReadOnlySpan<byte> bytes, Type type, string manifest) =>
        JsonSerializer.Deserialize(bytes, type, _options)
            ?? throw new SerializationException($"Manifest '{manifest}' deserialized to null.");

    private byte[] Envelope<T>(T header, ReadOnlySpan<byte> payload)
        where T : notnull
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(header, _options);
        var bytes = new byte[1 + sizeof(int) + json.Length + payload.Length];
        bytes[0] = EnvelopeMarker;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(1), json.Length);
        json.CopyTo(bytes.AsSpan(1 + sizeof(int)));
        payload.CopyTo(bytes.AsSpan(1 + sizeof(int) + json.Length));
        return bytes;
    }

    private (T Header, ReadOnlyMemory<byte> Payload) Open<T>(byte[] bytes, string manifest)
    {
        if (bytes.Length < 1 + sizeof(int) || bytes[0] != EnvelopeMarker)
        {
            throw new SerializationException($"Manifest '{manifest}' expects a binary envelope.");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(1));
        if (length < 0 || length > bytes.Length - 1 - sizeof(int))
        {
            throw new SerializationException($"Manifest '{manifest}': the envelope's header length {length} is out of range.");
        }

        var header = (T)Json(bytes.AsSpan(1 + sizeof(int), length), typeof(T), manifest);
        return (header, bytes.AsMemory(1 + sizeof(int) + length));
    }

    private static JsonSerializerOptions CreateOptions(ExtendedActorSystem system)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // Only what JSON requires is escaped: text in messages (errors, shown content) stays its own size.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.Converters.Add(new ActorRefJsonConverter(system));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
