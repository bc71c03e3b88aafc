using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Substitution;

namespace HotReloadCluster.Core.Tests.Substitution;

public sealed class VariableSourceTests
{
    [Fact]
    public void EnvironmentVariableSource_SetVariable_ReturnsValue()
    {
        var name = "HRC_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-env");
        try
        {
            var found = EnvironmentVariableSource.Instance.TryGetValue(name, out var value);

            Assert.True(found);
            Assert.Equal("from-env", value);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void EnvironmentVariableSource_UnsetVariable_ReturnsFalse()
    {
        var found = EnvironmentVariableSource.Instance.TryGetValue("HRC_TEST_UNSET_" + Guid.NewGuid().ToString("N"), out var value);

        Assert.False(found);
        Assert.Null(value);
    }

    [Fact]
    public void Resolve_WithEnvironmentSource_UsesProcessEnvironment()
    {
        var name = "HRC_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "8080");
        try
        {
            var template = new ConfigDocument(ConfigMap.Create(("port", ConfigScalar.FromString("${" + name + "}"))));

            var result = VariableSubstitution.Resolve(template, EnvironmentVariableSource.Instance);

            Assert.True(result.IsSuccess);
            Assert.Equal(ConfigScalar.FromInteger(8080), result.Resolved.Find("port"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void DictionaryVariableSource_LooksUpByDictionaryComparer()
    {
        var source = new DictionaryVariableSource(new Dictionary<string, string>(StringComparer.Ordinal) { ["A"] = "1" });

        Assert.True(source.TryGetValue("A", out var value));
        Assert.Equal("1", value);
        Assert.False(source.TryGetValue("a", out _));
    }
}
