using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Validation;

namespace HotReloadCluster.Core.Tests.Validation;

public sealed class ConfigValidatorsTests
{
    private static readonly ConfigDocument Document = new(ConfigMap.Create(("port", ConfigScalar.FromInteger(80))));

    [Fact]
    public void FromPredicate_PredicateTrue_IsValid()
    {
        var validator = ConfigValidators.FromPredicate(doc => doc.Find("port") is not null);

        var result = validator.Validate(Document);

        Assert.True(result.IsValid);
    }

    [Fact]
    public void FromPredicate_PredicateFalse_DefaultMessageAtRoot()
    {
        var validator = ConfigValidators.FromPredicate(_ => false);

        var result = validator.Validate(Document);

        var error = Assert.Single(result.Errors);
        Assert.Equal(string.Empty, error.Path);
        Assert.Equal("custom validator rejected the configuration", error.Message);
        Assert.Equal(ConfigValidators.DefaultName, error.Validator);
    }

    [Fact]
    public void FromPredicate_PredicateFalseWithMessageAndName_UsesThem()
    {
        var validator = ConfigValidators.FromPredicate(_ => false, "port must be above 1024", "ports");

        var result = validator.Validate(Document);

        Assert.Equal("ports", validator.Name);
        Assert.Equal(new ValidationError(string.Empty, "port must be above 1024", "ports"), Assert.Single(result.Errors));
    }

    [Fact]
    public void FromPredicate_PredicateThrows_BecomesErrorNamingValidatorAndException()
    {
        var validator = ConfigValidators.FromPredicate(_ => throw new InvalidOperationException("boom"), name: "exploding");

        var result = validator.Validate(Document);

        var error = Assert.Single(result.Errors);
        Assert.Equal(string.Empty, error.Path);
        Assert.Equal("validator 'exploding' threw InvalidOperationException: boom", error.Message);
        Assert.Equal("exploding", error.Validator);
    }

    [Fact]
    public void FromFunc_Errors_AreReportedAndTaggedWithName()
    {
        var validator = ConfigValidators.FromFunc(
            _ => [new ValidationError("port", "too low"), new ValidationError("host", "missing", "inner")],
            "network");

        var result = validator.Validate(Document);

        Assert.Equal<ValidationError>(
            [new ValidationError("port", "too low", "network"), new ValidationError("host", "missing", "inner")],
            result.Errors);
    }

    [Fact]
    public void FromFunc_NoErrors_IsValid()
    {
        var validator = ConfigValidators.FromFunc(_ => Enumerable.Empty<ValidationError>());

        Assert.True(validator.Validate(Document).IsValid);
    }

    [Fact]
    public void FromFunc_LazySequenceThrows_BecomesError()
    {
        static IEnumerable<ValidationError> Lazy(ConfigDocument _)
        {
            yield return new ValidationError("a", "first");
            throw new FormatException("bad value");
        }

        var validator = ConfigValidators.FromFunc(Lazy, "lazy");

        var result = validator.Validate(Document);

        Assert.Equal("validator 'lazy' threw FormatException: bad value", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void FromFunc_ResultFunction_ReturnsItsResultTagged()
    {
        var validator = ConfigValidators.FromFunc(_ => ValidationResult.Failure("port", "reserved"), "result");

        var result = validator.Validate(Document);

        Assert.Equal(new ValidationError("port", "reserved", "result"), Assert.Single(result.Errors));
    }

    [Fact]
    public void FromFunc_ResultFunctionThrows_BecomesError()
    {
        var validator = ConfigValidators.FromFunc((Func<ConfigDocument, ValidationResult>)(_ => throw new KeyNotFoundException("no key")), "lookup");

        var result = validator.Validate(Document);

        Assert.Equal("validator 'lookup' threw KeyNotFoundException: no key", Assert.Single(result.Errors).Message);
    }
}
