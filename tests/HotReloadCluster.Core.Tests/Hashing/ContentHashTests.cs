using System.Text;
using HotReloadCluster.Core.Hashing;

namespace HotReloadCluster.Core.Tests.Hashing;

public sealed class ContentHashTests
{
    private const string AbcHash = "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    [Fact]
    public void Compute_Abc_MatchesKnownVector()
    {
        var hash = ContentHash.Compute("abc"u8);

        Assert.Equal(AbcHash, hash);
    }

    [Fact]
    public void Compute_Empty_MatchesKnownVector()
    {
        var hash = ContentHash.Compute([]);

        Assert.Equal("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", hash);
    }

    [Fact]
    public async Task ComputeAsync_Stream_EqualsSpanHash()
    {
        var content = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("database:\n  port: 5432\n", 10_000)));
        using var stream = new MemoryStream(content);

        var fromStream = await ContentHash.ComputeAsync(stream, CancellationToken.None);

        Assert.Equal(ContentHash.Compute(content), fromStream);
    }

    [Fact]
    public async Task ComputeAsync_Canceled_Throws()
    {
        using var stream = new MemoryStream([1, 2, 3]);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ContentHash.ComputeAsync(stream, cts.Token));
    }

    [Fact]
    public void Compute_DifferentContent_DifferentHash()
    {
        Assert.NotEqual(ContentHash.Compute("a: 1"u8), ContentHash.Compute("a: 2"u8));
    }

    [Theory]
    [InlineData(AbcHash, true)]
    [InlineData("sha256:BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", false)]
    [InlineData("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a", false)]
    [InlineData("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015adx", false)]
    [InlineData("sha256:ga7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", false)]
    [InlineData("md5:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", false)]
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsWellFormed_VariousInputs_RecognizesOnlyCanonicalForm(string? hash, bool expected)
    {
        Assert.Equal(expected, ContentHash.IsWellFormed(hash));
    }

    [Fact]
    public void IsWellFormed_ComputedHash_True()
    {
        Assert.True(ContentHash.IsWellFormed(ContentHash.Compute("anything"u8)));
    }
}
