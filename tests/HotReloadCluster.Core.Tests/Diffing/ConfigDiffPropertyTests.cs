using CsCheck;
using HotReloadCluster.Core.Diffing;
using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Core.Tests.Diffing;

public sealed class ConfigDiffPropertyTests
{
    private static readonly string[] KeyPool = ["a", "b", "c", "d"];

    // Few distinct values so that equal and unequal scalars, and kind changes, all happen often.
    private static readonly Gen<ConfigNode> Scalar = Gen.OneOf<ConfigNode>(
        Gen.Int[0, 3].Select(i => (ConfigNode)ConfigScalar.FromInteger(i)),
        Gen.OneOf("x", "y", "").Select(s => (ConfigNode)ConfigScalar.FromString(s)),
        Gen.Bool.Select(b => (ConfigNode)ConfigScalar.FromBoolean(b)),
        Gen.Const((ConfigNode)ConfigScalar.Null),
        Gen.OneOf(0.5, 1.0).Select(f => (ConfigNode)ConfigScalar.FromFloat(f)));

    private static readonly Gen<ConfigNode> Node = NodeOfDepth(3);

    private static readonly Gen<ConfigDocument> Document = Node.Select(n => new ConfigDocument(n));

    private static Gen<ConfigNode> NodeOfDepth(int depth)
    {
        if (depth == 0)
        {
            return Scalar;
        }

        var child = NodeOfDepth(depth - 1);
        var map = Gen.Select(Gen.Shuffle(KeyPool, 0, KeyPool.Length), child.Array[KeyPool.Length], (keys, values) =>
            (ConfigNode)ConfigMap.Create(keys.Select((k, i) => (k, values[i])).ToArray()));
        var sequence = child.Array[0, 4].Select(items => (ConfigNode)ConfigSequence.Create(items));
        return Gen.Frequency((2, Scalar), (3, map), (2, sequence));
    }

    /// <summary>A random document and a random edit of it, so that deep partial overlaps are common too.</summary>
    private static Gen<(ConfigDocument, ConfigDocument)> DocumentAndEdit() =>
        Gen.Select(Document, Node, Gen.Int[0, 7], (doc, replacement, pick) =>
        {
            var paths = Paths(doc.Root, ConfigPath.Root).ToList();
            var target = paths[pick % paths.Count];
            return (doc, new ConfigDocument(Replace(doc.Root, target.Segments.AsSpan(), replacement)));
        });

    private static IEnumerable<ConfigPath> Paths(ConfigNode node, ConfigPath path)
    {
        yield return path;
        var children = node switch
        {
            ConfigMap map => map.Entries.Select(e => (path.Key(e.Key), e.Value)),
            ConfigSequence seq => seq.Items.Select((item, i) => (path.Index(i), item)),
            _ => [],
        };
        foreach (var (childPath, child) in children)
        {
            foreach (var p in Paths(child, childPath))
            {
                yield return p;
            }
        }
    }

    private static ConfigNode Replace(ConfigNode node, ReadOnlySpan<PathSegment> segments, ConfigNode replacement)
    {
        if (segments.IsEmpty)
        {
            return replacement;
        }

        return node switch
        {
            ConfigMap map => map.SetItem(segments[0].Key!, Replace(map[segments[0].Key!], segments[1..], replacement)),
            ConfigSequence seq => seq.SetItem(segments[0].Index, Replace(seq[segments[0].Index], segments[1..], replacement)),
            _ => throw new InvalidOperationException("path does not exist"),
        };
    }

    [Fact]
    public void ApplyTo_RandomDocuments_ComputeThenApplyGivesTarget()
    {
        Gen.Select(Document, Document).Sample((a, b) => ConfigDiff.Compute(a, b).ApplyTo(a).Equals(b), iter: 1_000);
    }

    [Fact]
    public void ApplyTo_RandomEdits_ComputeThenApplyGivesTarget()
    {
        DocumentAndEdit().Sample((a, b) => ConfigDiff.Compute(a, b).ApplyTo(a).Equals(b), iter: 1_000);
    }

    [Fact]
    public void Compute_SameDocument_IsEmpty()
    {
        Document.Sample(a => ConfigDiff.Compute(a, a).IsEmpty && ConfigDiff.Compute(a, new ConfigDocument(a.Root)).IsEmpty);
    }

    [Fact]
    public void Compute_RandomDocuments_EmptyExactlyWhenEqual()
    {
        Gen.Select(Document, Document).Sample((a, b) => ConfigDiff.Compute(a, b).IsEmpty == a.Equals(b), iter: 1_000);
    }

    [Fact]
    public void Redact_RandomEdits_NoEntryAtOrAroundSecretKeepsValues()
    {
        DocumentAndEdit().Sample((a, b) =>
        {
            var secret = Paths(b.Root, ConfigPath.Root).Last();
            var diff = ConfigDiff.Compute(a, b, [secret]);
            return diff.Entries.All(e =>
                (secret.IsPrefixOf(e.Path) || e.Path.IsPrefixOf(secret)) == e.IsRedacted
                && (!e.IsRedacted || (e.OldValue is null && e.NewValue is null)));
        });
    }
}
