using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Validation;

namespace HotReloadCluster.Core.Tests.Validation;

public sealed class ValidationResultTests
{
    [Fact]
    public void Success_HasNoErrors_IsValid()
    {
        var result = ValidationResult.Success;

        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Failure_WithPathAndMessage_IsInvalidWithOneError()
    {
        var result = ValidationResult.Failure("database:port", "too small", "ports");

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal(new ValidationError("database:port", "too small", "ports"), error);
    }

    [Fact]
    public void Failure_WithEmptySequence_IsSuccess()
    {
        var result = ValidationResult.Failure([]);

        Assert.Same(ValidationResult.Success, result);
    }

    [Fact]
    public void Combine_SeveralResults_KeepsAllErrorsInOrder()
    {
        var first = ValidationResult.Failure("a", "one");
        var second = ValidationResult.Success;
        var third = ValidationResult.Failure([new ValidationError("b", "two"), new ValidationError("c", "three")]);

        var combined = ValidationResult.Combine(first, second, third);

        Assert.Equal(["a", "b", "c"], combined.Errors.Select(e => e.Path));
    }

    [Fact]
    public void Combine_OnlySuccesses_IsValid()
    {
        var combined = ValidationResult.Combine(new List<ValidationResult> { ValidationResult.Success, ValidationResult.Success });

        Assert.True(combined.IsValid);
    }

    [Fact]
    public void ToString_RootAndNestedErrors_ShowsPathOrRootMarker()
    {
        var root = new ValidationError(string.Empty, "bad document");
        var nested = ValidationError.At(ConfigPath.Root.Key("servers").Index(1).Key("port"), "bad port");

        Assert.Equal("(root): bad document", root.ToString());
        Assert.Equal("servers:1:port: bad port", nested.ToString());
        Assert.True(root.IsRoot);
        Assert.False(nested.IsRoot);
    }
}
