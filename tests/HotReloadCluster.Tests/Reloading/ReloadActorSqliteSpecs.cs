using System.Text;
using Xunit.Abstractions;

namespace HotReloadCluster.Tests.Reloading;

/// <summary>The ReloadActor spec on an SQLite file.</summary>
public sealed class ReloadActorSqliteSpecs(ITestOutputHelper output) : ReloadActorSpecs(output, null)
{
    protected override void AssertNotStored(string secret)
    {
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(DatabasePath)!))
        {
            Assert.Equal(-1, File.ReadAllBytes(file).AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
        }
    }
}
