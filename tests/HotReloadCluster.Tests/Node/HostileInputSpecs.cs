using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using HotReloadCluster.Tests.Support;

namespace HotReloadCluster.Tests.Node;

/// <summary>
/// Hostile and odd files thrown at one real node process. Each case has its own topic: version 1 is applied, the
/// attack gives the expected event (and the node keeps version 1), and the next good file becomes version 2 —
/// so nothing was applied, lost or skipped in between. The file-system cases (links in and out of the root, a FIFO,
/// a socket, a device, a directory, link loops, unreadable files and folders) act on real files on disk.
/// </summary>
public sealed class HostileInputSpecs(HostileNode node) : IClassFixture<HostileNode>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Cases() => [.. All.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void HostileFile_ClearEventLastGoodKeptNextGoodIsVersionTwo(string name)
    {
        var @case = All[name];
        var file = Path.Combine(node.Root, @case.File);
        var topic = Path.ChangeExtension(@case.File, null)!;
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        @case.Setup?.Invoke(node, file);
        var first = node.Wait(e => e.Topic == topic && e.Event == "ReloadSuccess", Timeout, () => File.WriteAllText(file, Good(@case, 1)));
        Assert.Equal(1, first.Version);

        var rejected = node.Wait(e => e.Topic == topic && e.Event is "ReloadFailed" or "ValidationFailed" && e.Error!.Contains(@case.Error, StringComparison.Ordinal), Timeout, () => @case.Attack(node, file));

        Assert.Equal(@case.Expected, rejected.Event);
        Assert.Equal(1, rejected.Version);
        var second = node.Wait(e => e.Topic == topic && e.Event == "ReloadSuccess", Timeout, () => (@case.Restore ?? Replace)(node, file, Good(@case, 2)));
        Assert.Equal(2, second.Version);
        Assert.DoesNotContain(node.EventsOf(topic), e => e.Event == "ReloadSuccess" && e.Version is not (1 or 2));
    }

    [Fact]
    public void Suite_HasAtLeastFiftyCases_AndTheNodeNeverStopped()
    {
        Assert.True(All.Count >= 50, $"{All.Count} cases");
        Assert.DoesNotContain(node.Stderr, l => l.Contains("Unhandled exception", StringComparison.Ordinal));
    }

    [Fact]
    public void Journal_NeverHoldsWhatLinksOutsideTheRootPointTo()
    {
        var file = Path.Combine(node.Root, "leak.yaml");
        var secret = Path.Combine(node.Outside, "leak-target.yaml");
        File.WriteAllText(secret, "token: outside-secret-value-4711\n");
        node.Wait(e => e.Topic == "leak" && e.Event == "ReloadSuccess", Timeout, () => File.WriteAllText(file, "a: 1\n"));
        node.Wait(e => e.Topic == "leak" && e.Event == "ReloadFailed", Timeout, () => Link(file, secret));
        node.Wait(e => e.Topic == "leak" && e.Event == "ReloadSuccess", Timeout, () => Replace(node, file, "a: 2\n"));

        foreach (var path in Directory.EnumerateFiles(Path.Combine(node.Folder, "state")))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.Latin1);
            Assert.DoesNotContain("outside-secret-value-4711", reader.ReadToEnd(), StringComparison.Ordinal);
        }
    }

    private static string Good(HostileCase @case, int version) =>
        @case.File.EndsWith(".json", StringComparison.Ordinal) ? $$"""{"name": "good", "version": {{version}}}""" : $"name: good\nversion: {version}\n";

    private static readonly Dictionary<string, HostileCase> All = Build();

    private static Dictionary<string, HostileCase> Build()
    {
        var cases = new List<HostileCase>
        {
            // YAML that is not a configuration.
            Yaml("yaml-unclosed-flow", "a: [1, 2\nb: 3\n", "malformed YAML"),
            Yaml("yaml-bad-indentation", "a:\n    b: 1\n  c: 2\n", "yaml-bad-indentation.yaml:3:3: While parsing a block mapping"),
            Yaml("yaml-tab-indentation", "a:\n\tb: 1\n", "found invalid tab as indentation"),
            Yaml("yaml-duplicate-key", "a: 1\na: 2\n", "duplicate key 'a'"),
            Yaml("yaml-two-documents", "a: 1\n---\nb: 2\n", "more than one document"),
            Yaml("yaml-custom-tag", "a: !Ref other\n", "unsupported tag '!Ref'"),
            Yaml("yaml-binary-tag", "a: !!binary aGVsbG8=\n", "unsupported tag '!!binary'"),
            Yaml("yaml-unknown-alias", "a: *nowhere\n", "unknown alias"),
            Yaml("yaml-billion-laughs", BillionLaughs(), "limit MaxNodes"),
            Yaml("yaml-too-deep", string.Concat(Enumerable.Repeat("- ", 70)) + "x\n", "limit MaxDepth (64) exceeded"),
            Yaml("yaml-nested-too-deep", "a: " + new string('[', 70) + new string(']', 70) + "\n", "limit MaxDepth"),
            Yaml("yaml-root-scalar", "just a sentence\n", "top level must be a map"),
            Yaml("yaml-root-list", "- a\n- b\n", "top level must be a map"),
            Yaml("yaml-root-null", "~\n", "top level must be a map"),
            Yaml("yaml-cron-keys", "jobs:\n  0 * * * *: hourly\n  30 2 * * *: nightly\n", "quote the key"),
            Yaml("yaml-star-key-in-list", "items:\n  - a *b: 1\n", "quote the key"),
            Yaml("yaml-star-key-top", "a *: 1\n", "quote the key"),
            Yaml("yaml-float-overflow", "ratio: 1e400\n", "out of range"),
            Yaml("yaml-complex-key", "? [a, b]\n: 1\n", "complex keys"),
            Yaml("yaml-empty", "", "the content is empty"),
            Yaml("yaml-whitespace", "   \n\n  \n", "only whitespace"),
            Yaml("yaml-only-comments", "# nothing here\n# at all\n", "no document"),
            Yaml("yaml-merge-into-scalar", "base: 1\nx:\n  <<: 1\n", "merge key"),
            Yaml("yaml-bad-int-tag", "a: !!int twelve\n", "not a valid !!int"),
            Bytes("yaml-invalid-utf8", "a.yaml", [0x61, 0x3A, 0x20, 0xFF, 0xFE, 0x0A], "invalid UTF-8"),
            Bytes("yaml-utf16-bom", "a.yaml", [0xFF, 0xFE, 0x61, 0x00, 0x3A, 0x00], "UTF-16"),
            Bytes("yaml-nul-bytes", "a.yaml", [0x61, 0x3A, 0x20, 0x00, 0x00, 0x0A], "binary content"),

            // JSON that is not a configuration.
            Json("json-trailing-garbage", """{"a": 1} x""", "json-trailing-garbage.json:1:10: 'x' is invalid after a single JSON value"),
            Json("json-lone-surrogate-value", """{"a": "caf\u00e9 \ud83d"}""", "lone UTF-16 surrogate"),
            Json("json-lone-surrogate-key", """{"\uDFAA": 0}""", "lone UTF-16 surrogate"),
            Json("json-root-array", "[1, 2, 3]", "top level must be a map"),
            Json("json-root-string", "\"text\"", "top level must be a map"),
            Json("json-duplicate-key", """{"a": 1, "a": 2}""", "duplicate key 'a'"),
            Json("json-unterminated-string", """{"a": "open""", "Expected end of string"),
            Json("json-number-overflow", """{"a": 1e400}""", "out of range"),
            Json("json-only-comments", "// nothing\n/* at all */", "no value"),
            Json("json-too-deep", """{"a": """ + new string('[', 70) + new string(']', 70) + "}", "limit MaxDepth"),
            new("json-partial-write", "json-partial-write.json", (_, f) => File.WriteAllText(f, """{"name": "good", "versi"""), "ReloadFailed", "Expected end of string"),
            new("over-size-limit", "over-size-limit.yaml", (_, f) => File.WriteAllText(f, "a: \"" + new string('x', 11 * 1024 * 1024) + "\"\n"), "ReloadFailed", "limit MaxFileBytes"),

            // Validation: schema, substitution.
            Schema("schema-type-mismatch", """{"type": "object", "properties": {"version": {"type": "integer"}, "name": {"type": "integer"}}}""", "name"),
            Schema("schema-missing-required", """{"type": "object", "required": ["name", "owner"]}""", "owner"),
            Schema("schema-not-json", "{ this is not json", "not valid JSON"),
            Schema("schema-unknown-type", """{"type": "no-such-type"}""", "schema-unknown-type.schema.json"),
            Schema("schema-bad-pattern", """{"type": "object", "properties": {"name": {"type": "string", "pattern": "(["}}}""", "schema-bad-pattern.schema.json"),
            Schema("schema-empty-file", "", "schema-empty-file.schema.json"),
            SchemaLinkOutside(),
            Yaml("substitution-unset-variable", "password: ${HRC_HOSTILE_SURELY_UNSET_4711}\n", "HRC_HOSTILE_SURELY_UNSET_4711", "ValidationFailed"),

            // The file system.
            new("link-to-etc-shadow", "link-to-etc-shadow.yaml", (_, f) => Link(f, "/etc/shadow"), "ReloadFailed", "outside the watched root"),
            new("link-to-valid-yaml-outside", "link-to-valid-yaml-outside.yaml", (n, f) => Link(f, Write(Path.Combine(n.Outside, "valid.yaml"), "name: outside\nversion: 99\n")), "ReloadFailed", "outside the watched root"),
            new("link-relative-escape", "link-relative-escape.yaml", (n, f) => { Write(Path.Combine(n.Outside, "rel.yaml"), "x: 1\n"); Link(f, "../outside/rel.yaml"); }, "ReloadFailed", "outside the watched root"),
            new("link-chain-leaves-root", "link-chain-leaves-root.yaml", (n, f) => { Link(Path.Combine(n.Root, ".hop-1"), "/etc/passwd"); Link(f, ".hop-1"); }, "ReloadFailed", "outside the watched root"),
            new("linked-folder-switched-outside", "linked-folder/app.yaml", (n, f) =>
            {
                var outsideFolder = Path.Combine(n.Outside, "folder");
                Write(Path.Combine(outsideFolder, "app.yaml"), "name: outside\n");
                var real = Path.Combine(n.Root, ".real-linked-folder");
                Link(Path.Combine(n.Root, ".linked-tmp"), outsideFolder);
                NativeFs.Rename(Path.Combine(n.Root, ".linked-tmp"), Path.GetDirectoryName(f)!);
                _ = real;
            }, "ReloadFailed", "outside the watched root", LinkedFolderRestore, LinkedFolderSetup),
            new("link-to-dev-null", "link-to-dev-null.yaml", (_, f) => Link(f, "/dev/null"), "ReloadFailed", "outside the watched root"),
            new("fifo", "fifo.yaml", (_, f) => SwapIn(f, tmp => Run("mkfifo", tmp)), "ReloadFailed", "is not a regular file (a FIFO)"),
            new("unix-socket", "unix-socket.yaml", (_, f) => SwapInSocket(f), "ReloadFailed", "is not a regular file (a socket)"),
            new("character-device", "character-device.yaml", (_, f) => SwapIn(f, tmp => Run("mknod", tmp, "c", "1", "3")), "ReloadFailed", "is not a regular file (a character device)"),
            new("directory-in-place", "directory-in-place.yaml", (_, f) => { File.Delete(f); Directory.CreateDirectory(f); }, "ReloadFailed", "is not a regular file (a directory)"),
            new("link-loop", "link-loop.yaml", (n, f) => { Link(Path.Combine(n.Root, ".loop-b"), "link-loop.yaml"); Link(f, ".loop-b"); }, "ReloadFailed", "too many levels of symbolic links"),
            new("link-to-itself", "link-to-itself.yaml", (_, f) => Link(f, "link-to-itself.yaml"), "ReloadFailed", "too many levels of symbolic links"),
            new("dangling-link", "dangling-link.yaml", (_, f) => Link(f, "no-such-target.yaml"), "ReloadFailed", "file not found"),
            new("deleted", "deleted.yaml", (_, f) => File.Delete(f), "ReloadFailed", "file not found"),
            new("unreadable-file", "unreadable-file.yaml", (_, f) => File.SetUnixFileMode(f, UnixFileMode.None), "ReloadFailed", "permission denied", (_, f, good) =>
            {
                File.SetUnixFileMode(f, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                File.WriteAllText(f, good);
            }),
            new("unreadable-folder", "closed-folder/app.yaml", (_, f) =>
            {
                File.WriteAllText(f, "name: good\nversion: 9\n");
                File.SetUnixFileMode(Path.GetDirectoryName(f)!, UnixFileMode.None);
            }, "ReloadFailed", "permission denied", (_, f, good) =>
            {
                File.SetUnixFileMode(Path.GetDirectoryName(f)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
                File.WriteAllText(f, good);
            }),
        };
        return cases.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    private static HostileCase Yaml(string name, string content, string error, string expected = "ReloadFailed") =>
        new(name, name + ".yaml", (_, f) => File.WriteAllText(f, content), expected, error);

    private static HostileCase Json(string name, string content, string error) =>
        new(name, name + ".json", (_, f) => File.WriteAllText(f, content), "ReloadFailed", error);

    private static HostileCase Bytes(string name, string _, byte[] content, string error) =>
        new(name, name + ".yaml", (_, f) => File.WriteAllBytes(f, content), "ReloadFailed", error);

    /// <summary>The schema breaks while the file changes; fixing the schema alone applies the waiting file as version 2.</summary>
    private static HostileCase Schema(string name, string schema, string error) =>
        new(
            name,
            name + ".yaml",
            (_, f) =>
            {
                File.WriteAllText(SchemaOf(f), schema);
                File.WriteAllText(f, "name: good\nversion: 2\n");
            },
            "ValidationFailed",
            error,
            (_, f, _) => File.WriteAllText(SchemaOf(f), GoodSchema),
            (_, f) => File.WriteAllText(SchemaOf(f), GoodSchema));

    private static HostileCase SchemaLinkOutside() =>
        new(
            "schema-link-outside",
            "schema-link-outside.yaml",
            (n, f) =>
            {
                Link(SchemaOf(f), Write(Path.Combine(n.Outside, "permissive.schema.json"), "{}"));
                File.WriteAllText(f, "name: good\nversion: 2\n");
            },
            "ValidationFailed",
            "outside the watched root",
            (_, f, _) => { File.Delete(SchemaOf(f)); File.WriteAllText(SchemaOf(f), GoodSchema); },
            (_, f) => File.WriteAllText(SchemaOf(f), GoodSchema));

    private const string GoodSchema = """{"type": "object", "required": ["name", "version"], "properties": {"name": {"type": "string"}, "version": {"type": "integer"}}}""";

    private static string SchemaOf(string file) => Path.ChangeExtension(file, null) + ".schema.json";

    private static void LinkedFolderSetup(HostileNode node, string file)
    {
        // root/linked-folder -> root/.real-linked-folder (a link that stays inside, applied as usual).
        var real = Path.Combine(node.Root, ".real-linked-folder");
        Directory.CreateDirectory(real);
        Directory.Delete(Path.GetDirectoryName(file)!);
        Link(Path.GetDirectoryName(file)!, real);
    }

    private static void LinkedFolderRestore(HostileNode node, string file, string good)
    {
        var real = Path.Combine(node.Root, ".real-linked-folder");
        File.WriteAllText(Path.Combine(real, "app.yaml"), good);
        Link(Path.Combine(node.Root, ".linked-tmp"), real);
        NativeFs.Rename(Path.Combine(node.Root, ".linked-tmp"), Path.GetDirectoryName(file)!);
    }

    private static string BillionLaughs()
    {
        var yaml = new StringBuilder("l0: &l0 [" + string.Join(", ", Enumerable.Repeat("\"lol\"", 10)) + "]\n");
        for (var level = 1; level <= 9; level++)
        {
            yaml.Append($"l{level}: &l{level} [").Append(string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 10))).Append("]\n");
        }

        return yaml.ToString();
    }

    /// <summary>Removes whatever is at <paramref name="file"/> (file, link, FIFO, socket, device, folder) and writes a regular file.</summary>
    private static void Replace(HostileNode node, string file, string content)
    {
        var tmp = Path.Combine(Path.GetDirectoryName(file)!, ".replace-" + Guid.NewGuid().ToString("N")[..8]);
        File.WriteAllText(tmp, content);
        if (Directory.Exists(file) && new DirectoryInfo(file).LinkTarget is null)
        {
            Directory.Delete(file, recursive: true);
        }

        NativeFs.Rename(tmp, file);
    }

    private static void Link(string path, string target)
    {
        var tmp = Path.Combine(Path.GetDirectoryName(path)!, ".link-" + Guid.NewGuid().ToString("N")[..8]);
        File.CreateSymbolicLink(tmp, target);
        NativeFs.Rename(tmp, path);
    }

    private static string Write(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Creates something under a temporary name and renames it over the file, as an atomic save does.</summary>
    private static void SwapIn(string file, Action<string> create)
    {
        var tmp = Path.Combine(Path.GetDirectoryName(file)!, ".swap-" + Guid.NewGuid().ToString("N")[..8]);
        create(tmp);
        NativeFs.Rename(tmp, file);
    }

    private static void SwapInSocket(string file)
    {
        // Bound under a temporary name and renamed while open: a bound socket's file goes away when it is disposed.
        var tmp = Path.Combine(Path.GetDirectoryName(file)!, ".swap-" + Guid.NewGuid().ToString("N")[..8]);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(tmp));
        NativeFs.Rename(tmp, file);
    }

    private static void Run(string command, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(command, args) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{command} failed: {error}");
    }

    /// <summary>One hostile case: what it does to its file, the event it must give, and how the good file comes back.</summary>
    public sealed record HostileCase(
        string Name,
        string File,
        Action<HostileNode, string> Attack,
        string Expected,
        string Error,
        Action<HostileNode, string, string>? Restore = null,
        Action<HostileNode, string>? Setup = null);
}
