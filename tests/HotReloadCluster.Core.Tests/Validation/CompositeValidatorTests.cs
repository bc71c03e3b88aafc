using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Validation;

namespace HotReloadCluster.Core.Tests.Validation;

public sealed class CompositeValidatorTests
{
    private static readonly ConfigDocument Document = new(ConfigMap.Create(
        ("port", ConfigScalar.FromInteger(80)),
        ("host", ConfigScalar.FromString(string.Empty))));

    [Fact]
    public void Validate_SeveralFailingValidators_ReportsEveryErrorTaggedWithItsValidator()
    {
        var composite = new CompositeValidator(
        [
            ConfigValidators.FromPredicate(_ => false, "first rejects", "first"),
            ConfigValidators.FromFunc(_ => [new ValidationError("port", "below 1024"), new ValidationError("host", "empty")], "second"),
            ConfigValidators.FromPredicate(_ => true, name: "passing"),
            new FixedValidator("fourth", ValidationResult.Failure("host", "not resolvable")),
        ]);

        var result = composite.Validate(Document);

        Assert.Equal<ValidationError>(
            [
                new ValidationError(string.Empty, "first rejects", "first"),
                new ValidationError("port", "below 1024", "second"),
                new ValidationError("host", "empty", "second"),
                new ValidationError("host", "not resolvable", "fourth"),
            ],
            result.Errors);
    }

    [Fact]
    public void Validate_ThrowingValidator_BecomesErrorAndOthersStillRun()
    {
        var ranAfter = false;
        var composite = new CompositeValidator(
        [
            new ThrowingValidator(),
            ConfigValidators.FromPredicate(_ => ranAfter = true, name: "after"),
            ConfigValidators.FromPredicate(_ => false, "last rejects", "last"),
        ]);

        var result = composite.Validate(Document);

        Assert.True(ranAfter);
        Assert.Equal<ValidationError>(
            [
                new ValidationError(string.Empty, "validator 'throwing' threw ArgumentException: raw validator failure", "throwing"),
                new ValidationError(string.Empty, "last rejects", "last"),
            ],
            result.Errors);
    }

    [Fact]
    public void Validate_AllPass_IsValid()
    {
        var composite = new CompositeValidator([ConfigValidators.FromPredicate(_ => true), new FixedValidator("ok", ValidationResult.Success)]);

        Assert.True(composite.Validate(Document).IsValid);
    }

    [Fact]
    public void Validate_NoValidators_IsValid()
    {
        Assert.True(CompositeValidator.Empty.Validate(Document).IsValid);
    }

    [Fact]
    public void Validate_NestedComposite_KeepsInnermostValidatorName()
    {
        var inner = new CompositeValidator([new FixedValidator("leaf", ValidationResult.Failure("a", "bad"))], "inner");
        var outer = new CompositeValidator([inner], "outer");

        var result = outer.Validate(Document);

        Assert.Equal("leaf", Assert.Single(result.Errors).Validator);
    }

    private sealed class FixedValidator(string name, ValidationResult result) : IConfigValidator
    {
        public string Name { get; } = name;

        public ValidationResult Validate(ConfigDocument document) => result;
    }

    private sealed class ThrowingValidator : IConfigValidator
    {
        public string Name => "throwing";

        public ValidationResult Validate(ConfigDocument document) => throw new ArgumentException("raw validator failure");
    }
}
