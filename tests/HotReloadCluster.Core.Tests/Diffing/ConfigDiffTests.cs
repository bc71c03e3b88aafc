using HotReloadCluster.Core.Diffing;
using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Core.Tests.Diffing;

public sealed class ConfigDiffTests
{
    private const string Secret = "s3cr3t-value";

    private static ConfigPath P(params object[] segments)
    {
        var path = ConfigPath.Root;
        foreach (var segment in segments)
        {
            path = segment is int i ? path.Index(i) : path.Key((string)segment);
        }

        return path;
    }

    private static ConfigDocument Doc(ConfigNode root) => new(root);

    private static ConfigScalar S(string value) => ConfigScalar.FromString(value);

    private static ConfigScalar I(long value) => ConfigScalar.FromInteger(value);

    private static ConfigDocument WithSecret(string password, int port) => Doc(ConfigMap.Create(
        ("database", ConfigMap.Create(
            ("host", S("db1")),
            ("port", I(port)),
            ("credentials", ConfigMap.Create(("user", S("app")), ("password", S(password))))))));

    [Fact]
    public void Compute_EqualDocuments_IsEmpty()
    {
        var diff = ConfigDiff.Compute(WithSecret("a", 1), WithSecret("a", 1));

        Assert.True(diff.IsEmpty);
        Assert.Equal("", diff.ToString());
    }

    [Fact]
    public void Compute_ReorderedKeys_IsEmpty()
    {
        var from = Doc(ConfigMap.Create(("a", I(1)), ("b", ConfigMap.Create(("x", S("1")), ("y", S("2"))))));
        var to = Doc(ConfigMap.Create(("b", ConfigMap.Create(("y", S("2")), ("x", S("1")))), ("a", I(1))));

        var diff = ConfigDiff.Compute(from, to);

        Assert.True(diff.IsEmpty);
    }

    [Fact]
    public void Compute_NestedChanges_OneEntryPerLeafInDocumentOrder()
    {
        var from = Doc(ConfigMap.Create(
            ("database", ConfigMap.Create(("host", S("db1")), ("port", I(5432)), ("old", S("x"))))));
        var to = Doc(ConfigMap.Create(
            ("database", ConfigMap.Create(("host", S("db2")), ("port", I(5432)), ("pool", I(10))))));

        var diff = ConfigDiff.Compute(from, to);

        Assert.Equal(
            new DiffEntry[]
            {
                new(DiffKind.Changed, P("database", "host"), S("db1"), S("db2")),
                new(DiffKind.Removed, P("database", "old"), S("x"), null),
                new(DiffKind.Added, P("database", "pool"), null, I(10)),
            },
            diff.Entries);
        Assert.Equal(
            "~ database:host: \"db1\" -> \"db2\"\n- database:old\n+ database:pool: 10",
            diff.ToString());
    }

    [Fact]
    public void Compute_AddedSubtree_IsOneEntry()
    {
        var added = ConfigMap.Create(("port", I(5432)));
        var from = Doc(ConfigMap.Create(("a", I(1))));
        var to = Doc(ConfigMap.Create(("a", I(1)), ("database", added)));

        var diff = ConfigDiff.Compute(from, to);

        var entry = Assert.Single(diff.Entries);
        Assert.Equal(new DiffEntry(DiffKind.Added, P("database"), null, added), entry);
        Assert.Equal("+ database: {port: 5432}", entry.ToString());
    }

    [Fact]
    public void Compute_SequenceGrows_AddsTailItems()
    {
        var from = Doc(ConfigMap.Create(("hosts", ConfigSequence.Create(S("a")))));
        var to = Doc(ConfigMap.Create(("hosts", ConfigSequence.Create(S("a2"), S("b"), S("c")))));

        var diff = ConfigDiff.Compute(from, to);

        Assert.Equal(
            new DiffEntry[]
            {
                new(DiffKind.Changed, P("hosts", 0), S("a"), S("a2")),
                new(DiffKind.Added, P("hosts", 1), null, S("b")),
                new(DiffKind.Added, P("hosts", 2), null, S("c")),
            },
            diff.Entries);
        Assert.Equal(to, diff.ApplyTo(from));
    }

    [Fact]
    public void Compute_SequenceShrinks_RemovesTailItemsAndAppliesFromTheEnd()
    {
        var from = Doc(ConfigMap.Create(("hosts", ConfigSequence.Create(S("a"), S("b"), S("c"), S("d")))));
        var to = Doc(ConfigMap.Create(("hosts", ConfigSequence.Create(S("a"), S("b")))));

        var diff = ConfigDiff.Compute(from, to);

        Assert.Equal(
            new DiffEntry[]
            {
                new(DiffKind.Removed, P("hosts", 2), S("c"), null),
                new(DiffKind.Removed, P("hosts", 3), S("d"), null),
            },
            diff.Entries);
        Assert.Equal(to, diff.ApplyTo(from));
    }

    [Fact]
    public void Compute_NestedSequenceItemChange_UsesIndexPath()
    {
        var from = Doc(ConfigSequence.Create(ConfigMap.Create(("name", S("a")), ("w", I(1)))));
        var to = Doc(ConfigSequence.Create(ConfigMap.Create(("name", S("a")), ("w", I(2)))));

        var diff = ConfigDiff.Compute(from, to);

        Assert.Equal("~ 0:w: 1 -> 2", Assert.Single(diff.Entries).ToString());
    }

    [Theory]
    [MemberData(nameof(KindChanges))]
    public void Compute_KindChange_IsOneChangedEntryAtThatPath(ConfigNode before, ConfigNode after)
    {
        var from = Doc(ConfigMap.Create(("x", before)));
        var to = Doc(ConfigMap.Create(("x", after)));

        var diff = ConfigDiff.Compute(from, to);

        Assert.Equal(new DiffEntry(DiffKind.Changed, P("x"), before, after), Assert.Single(diff.Entries));
        Assert.Equal(to, diff.ApplyTo(from));
    }

    public static TheoryData<ConfigNode, ConfigNode> KindChanges() => new()
    {
        { ConfigMap.Create(("a", I(1))), I(1) },
        { ConfigSequence.Create(I(1)), ConfigMap.Create(("0", I(1))) },
        { S("1"), I(1) },
        { ConfigScalar.Null, S("") },
        { ConfigScalar.True, S("true") },
        { I(1), ConfigScalar.FromFloat(1) },
        { ConfigMap.Empty, ConfigSequence.Empty },
    };

    [Fact]
    public void Compute_RootKindChange_IsChangedAtRoot()
    {
        var from = Doc(ConfigMap.Create(("a", I(1))));
        var to = Doc(ConfigSequence.Create(I(1)));

        var diff = ConfigDiff.Compute(from, to);

        var entry = Assert.Single(diff.Entries);
        Assert.Equal(DiffKind.Changed, entry.Kind);
        Assert.Equal(ConfigPath.Root, entry.Path);
        Assert.Equal("~ <root>: {a: 1} -> [1]", entry.ToString());
        Assert.Equal(to, diff.ApplyTo(from));
    }

    [Fact]
    public void Compute_RootScalarChange_IsChangedAtRoot()
    {
        var diff = ConfigDiff.Compute(Doc(I(1)), Doc(I(2)));

        Assert.Equal(new DiffEntry(DiffKind.Changed, ConfigPath.Root, I(1), I(2)), Assert.Single(diff.Entries));
    }

    [Fact]
    public void ToString_ValueWithLineBreak_StaysOnOneLine()
    {
        var diff = ConfigDiff.Compute(Doc(ConfigMap.Create(("a", S("x")))), Doc(ConfigMap.Create(("a", S("line1\nline2")))));

        Assert.Equal("~ a: \"x\" -> \"line1\\nline2\"", diff.ToString());
    }

    [Fact]
    public void Format_RedactValues_HidesEveryValue()
    {
        var diff = ConfigDiff.Compute(Doc(ConfigMap.Create(("a", I(1)), ("b", I(2)))), Doc(ConfigMap.Create(("a", I(3)), ("c", I(4)))));

        Assert.Equal("~ a: *** -> ***\n- b\n+ c: ***", diff.Format(redactValues: true));
        Assert.Equal("~ a: 1 -> 3\n- b\n+ c: 4", diff.Format());
    }

    [Fact]
    public void Compute_RedactedPathChangedAtSecret_HidesValues()
    {
        var secretPath = P("database", "credentials", "password");

        var diff = ConfigDiff.Compute(WithSecret("old-" + Secret, 1), WithSecret(Secret, 2), [secretPath]);

        var entry = Assert.Single(diff.Entries, e => e.Path == secretPath);
        Assert.True(entry.IsRedacted);
        Assert.Null(entry.OldValue);
        Assert.Null(entry.NewValue);
        Assert.Equal("~ database:credentials:password: *** -> ***", entry.ToString());
        var port = Assert.Single(diff.Entries, e => e.Path == P("database", "port"));
        Assert.False(port.IsRedacted);
        Assert.Equal(I(2), port.NewValue);
        AssertNoLeak(diff);
    }

    [Fact]
    public void Compute_SecretBelowAddedParent_RedactsParentEntry()
    {
        var from = Doc(ConfigMap.Create(("other", I(1))));
        var to = WithSecret(Secret, 5432);

        var diff = ConfigDiff.Compute(from, to, [P("database", "credentials", "password")]);

        var added = Assert.Single(diff.Entries, e => e.Kind == DiffKind.Added);
        Assert.Equal(P("database"), added.Path);
        Assert.True(added.IsRedacted);
        Assert.Equal("+ database: ***", added.ToString());
        AssertNoLeak(diff);
    }

    [Fact]
    public void Compute_SecretBelowRemovedParent_RedactsParentEntry()
    {
        var diff = ConfigDiff.Compute(WithSecret(Secret, 1), Doc(ConfigMap.Empty), [P("database", "credentials", "password")]);

        var entry = Assert.Single(diff.Entries);
        Assert.True(entry.IsRedacted);
        Assert.Null(entry.OldValue);
        AssertNoLeak(diff);
    }

    [Fact]
    public void Compute_RedactedPathAboveChange_RedactsEntriesBelow()
    {
        var diff = ConfigDiff.Compute(WithSecret("old", 1), WithSecret(Secret, 1), [P("database", "credentials")]);

        Assert.True(Assert.Single(diff.Entries).IsRedacted);
        AssertNoLeak(diff);
    }

    [Fact]
    public void Compute_RootChangeWithSecret_RedactsRootEntry()
    {
        var diff = ConfigDiff.Compute(Doc(ConfigSequence.Empty), WithSecret(Secret, 1), [P("database", "credentials", "password")]);

        var entry = Assert.Single(diff.Entries);
        Assert.Equal(ConfigPath.Root, entry.Path);
        Assert.True(entry.IsRedacted);
        AssertNoLeak(diff);
    }

    [Fact]
    public void Redact_UnrelatedPath_LeavesEntriesAlone()
    {
        var diff = ConfigDiff.Compute(WithSecret("a", 1), WithSecret("a", 2));

        var redacted = diff.Redact([P("database", "credentials", "password"), P("database", "portable")]);

        Assert.Equal(diff, redacted);
        Assert.False(redacted.IsRedacted);
    }

    [Fact]
    public void Redact_SiblingWithCommonPrefixText_NotRedacted()
    {
        var from = Doc(ConfigMap.Create(("ab", I(1)), ("a", I(1))));
        var to = Doc(ConfigMap.Create(("ab", I(2)), ("a", I(2))));

        var diff = ConfigDiff.Compute(from, to, [P("a")]);

        Assert.False(Assert.Single(diff.Entries, e => e.Path == P("ab")).IsRedacted);
        Assert.True(Assert.Single(diff.Entries, e => e.Path == P("a")).IsRedacted);
    }

    [Fact]
    public void ApplyTo_RedactedDiff_Throws()
    {
        var from = WithSecret("a", 1);
        var diff = ConfigDiff.Compute(from, WithSecret("b", 1), [P("database", "credentials", "password")]);

        var ex = Assert.Throws<InvalidOperationException>(() => diff.ApplyTo(from));

        Assert.Contains("redacted", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyTo_OldValueDiffers_ThrowsWithoutValues()
    {
        var diff = ConfigDiff.Compute(Doc(ConfigMap.Create(("a", S(Secret)))), Doc(ConfigMap.Create(("a", S("x")))));
        var other = Doc(ConfigMap.Create(("a", S("y"))));

        var ex = Assert.Throws<InvalidOperationException>(() => diff.ApplyTo(other));

        Assert.DoesNotContain(Secret, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyTo_AddedKeyAlreadyPresent_Throws()
    {
        var from = Doc(ConfigMap.Empty);
        var diff = ConfigDiff.Compute(from, Doc(ConfigMap.Create(("a", I(1)))));

        Assert.Throws<InvalidOperationException>(() => diff.ApplyTo(Doc(ConfigMap.Create(("a", I(1))))));
    }

    [Fact]
    public void ApplyTo_MissingParent_Throws()
    {
        var diff = ConfigDiff.Compute(
            Doc(ConfigMap.Create(("a", ConfigMap.Create(("b", I(1)))))),
            Doc(ConfigMap.Create(("a", ConfigMap.Create(("b", I(2)))))));

        Assert.Throws<InvalidOperationException>(() => diff.ApplyTo(Doc(ConfigMap.Create(("a", I(1))))));
    }

    [Fact]
    public void ApplyTo_SequenceAddNotAtEnd_Throws()
    {
        var diff = new ConfigDiff([new DiffEntry(DiffKind.Added, P("s", 5), null, I(1))]);

        Assert.Throws<InvalidOperationException>(() => diff.ApplyTo(Doc(ConfigMap.Create(("s", ConfigSequence.Create(I(0)))))));
    }

    [Fact]
    public void ApplyTo_RemoveNotLastSequenceItem_Throws()
    {
        var diff = new ConfigDiff([new DiffEntry(DiffKind.Removed, P("s", 0), I(0), null)]);

        Assert.Throws<InvalidOperationException>(() => diff.ApplyTo(Doc(ConfigMap.Create(("s", ConfigSequence.Create(I(0), I(1)))))));
    }

    [Fact]
    public void ApplyTo_KeepsSourceNameOfTarget()
    {
        var from = new ConfigDocument(ConfigMap.Create(("a", I(1))), "settings.yaml");
        var diff = ConfigDiff.Compute(from, Doc(ConfigMap.Create(("a", I(2)))));

        var applied = diff.ApplyTo(from);

        Assert.Equal("settings.yaml", applied.SourceName);
        Assert.Equal(I(2), applied.Find("a"));
    }

    [Fact]
    public void Equals_SameEntries_Equal()
    {
        var a = ConfigDiff.Compute(WithSecret("a", 1), WithSecret("b", 2));
        var b = ConfigDiff.Compute(WithSecret("a", 1), WithSecret("b", 2));

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, ConfigDiff.Empty);
    }

    private static void AssertNoLeak(ConfigDiff diff)
    {
        Assert.DoesNotContain(Secret, diff.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, diff.Format(), StringComparison.Ordinal);
        foreach (var entry in diff.Entries)
        {
            Assert.DoesNotContain(Secret, entry.OldValue?.ToString() ?? "", StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, entry.NewValue?.ToString() ?? "", StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, entry.ToString(), StringComparison.Ordinal);
        }
    }
}
