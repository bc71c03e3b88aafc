using System.Text;
using CsCheck;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Parsing;

namespace HotReloadCluster.Core.Tests.Parsing;

/// <summary>
/// The parser never throws, whatever the bytes: real configuration files (the repository's cluster-config and the
/// sample settings) are mutated at the byte level — flipped, inserted, deleted and duplicated bytes, truncations,
/// and splices of hostile fragments (lone surrogate escapes, '*' words before ':', huge numbers, tags, anchors,
/// invalid UTF-8) — and every result must be a document or an error with a message.
/// </summary>
public sealed class ParserFuzzTests
{
    private const int Cases = 10_000;
    private static readonly ConfigParser Parser = new(new ParseLimits { MaxNodes = 20_000, MaxDepth = 64 });

    private static readonly string[] Fragments =
    [
        "\\ud83d", "\\uDFAA", "\\u0000", "\\", "\"", "'", "*a", "&a ", " *: ", "0 * * * *: ", "- a *b: 1", "<<: ", "!!binary ", "!Ref ",
        "18446744073709551615", "1e400", "-.inf", "0x", "0o9", "{", "}", "[", "]", ",", ":", ": ", "? ", "|", ">-", "#", "---\n", "...\n",
        "\t", "\r", "\n  ", "%YAML 1.2\n", "//", "/*", "*/", "null", "true", "\u00e9", "\U0001F600",
    ];

    private static readonly byte[][] InvalidUtf8 = [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x00], [0xEF, 0xBB, 0xBF]];

    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        var root = RepositoryRoot();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "cluster-config")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        data.Add("sample-settings.yaml");
        data.Add("sample-settings.json");
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Parse_MutatedRealFile_AlwaysReturnsAResult(string name)
    {
        var original = Load(name);
        var format = name.EndsWith(".json", StringComparison.Ordinal) ? ConfigFormat.Json : ConfigFormat.Yaml;
        Assert.True(Parser.Parse(original, format, name).IsSuccess, "the unmutated input must parse");

        Mutated(original).Sample(
            bytes =>
            {
                ConfigParseResult result;
                try
                {
                    result = Parser.Parse(bytes, format, name);
                }
                catch (Exception ex)
                {
                    Assert.Fail($"the parser threw {ex.GetType().Name}: {ex.Message}");
                    throw;
                }

                Assert.True(result.IsSuccess ? result.Document.Root is ConfigMap : result.Error is { Message.Length: > 0 }, result.ToString());
            },
            iter: Cases / 4,
            print: b => Convert.ToBase64String(b));
    }

    [Theory]
    [InlineData(ConfigFormat.Yaml)]
    [InlineData(ConfigFormat.Json)]
    public void Parse_RandomBytes_AlwaysReturnsAResult(ConfigFormat format)
    {
        Gen.Byte.Array[0, 300].Sample(
            bytes => Assert.True(Parser.Parse(bytes, format, "random").IsSuccess || Parser.Parse(bytes, format, "random").Error is { Message.Length: > 0 }),
            iter: Cases / 2);
    }

    private static Gen<byte[]> Mutated(byte[] original)
    {
        var fragment = Gen.OneOf(
            Gen.OneOf<string>(Fragments).Select(f => Encoding.UTF8.GetBytes(f)),
            Gen.OneOf<byte[]>(InvalidUtf8),
            Gen.Byte.Array[1, 4]);
        var edit = Gen.Select(Gen.Int[0, 5], Gen.Int[0, Math.Max(0, original.Length)], Gen.Int[0, 8], fragment);
        return edit.List[1, 5].Select(edits =>
        {
            var bytes = new List<byte>(original);
            foreach (var (kind, rawPosition, length, insert) in edits)
            {
                var position = Math.Min(rawPosition, bytes.Count);
                var span = Math.Min(length, bytes.Count - position);
                switch (kind)
                {
                    case 0: // delete
                        bytes.RemoveRange(position, span);
                        break;
                    case 1: // insert a fragment
                        bytes.InsertRange(position, insert);
                        break;
                    case 2: // replace with a fragment
                        bytes.RemoveRange(position, span);
                        bytes.InsertRange(position, insert);
                        break;
                    case 3: // truncate
                        bytes.RemoveRange(position, bytes.Count - position);
                        break;
                    case 4: // duplicate a slice
                        bytes.InsertRange(position, bytes.GetRange(position, span));
                        break;
                    default: // flip one bit
                        if (position < bytes.Count)
                        {
                            bytes[position] ^= (byte)(1 << (length % 8));
                        }

                        break;
                }
            }

            return bytes.ToArray();
        });
    }

    private static byte[] Load(string name) => name switch
    {
        "sample-settings.yaml" => Encoding.UTF8.GetBytes(SampleSettings.Yaml),
        "sample-settings.json" => Encoding.UTF8.GetBytes(ConfigWriter.ToJson(SampleSettings.Expected)),
        _ => File.ReadAllBytes(Path.Combine(RepositoryRoot(), "cluster-config", name)),
    };

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HotReloadCluster.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("HotReloadCluster.sln not found");
    }
}
