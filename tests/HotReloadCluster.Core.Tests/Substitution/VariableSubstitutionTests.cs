using System.Collections.Immutable;
using HotReloadCluster.Core.Documents;
using HotReloadCluster.Core.Substitution;

namespace HotReloadCluster.Core.Tests.Substitution;

public sealed class VariableSubstitutionTests
{
    private static readonly ConfigPath DatabaseHost = ConfigPath.Root.Key("database").Key("host");
    private static readonly ConfigPath DatabasePort = ConfigPath.Root.Key("database").Key("port");

    private static DictionaryVariableSource Vars(params (string Name, string Value)[] values) =>
        new(values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal));

    private static ConfigDocument Database(string host, string port) => new(ConfigMap.Create(
        ("database", ConfigMap.Create(
            ("host", ConfigScalar.FromString(host)),
            ("port", ConfigScalar.FromString(port))))));

    private static ConfigDocument Single(string value) => new(ConfigMap.Create(("v", ConfigScalar.FromString(value))));

    private static ConfigNode? ResolvedValue(string template, IVariableSource variables)
    {
        var result = VariableSubstitution.Resolve(Single(template), variables);
        Assert.True(result.IsSuccess, string.Join("; ", result.Errors));
        return result.Resolved.Find("v");
    }

    [Fact]
    public void Resolve_AllVariablesSet_ReplacesReferences()
    {
        var template = Database("${DB_HOST}", "${DB_PORT}");

        var result = VariableSubstitution.Resolve(template, Vars(("DB_HOST", "db.internal"), ("DB_PORT", "6543")));

        Assert.True(result.IsSuccess);
        Assert.Empty(result.Errors);
        Assert.Equal(ConfigScalar.FromString("db.internal"), result.Resolved.Find(DatabaseHost));
        Assert.Equal(ConfigScalar.FromInteger(6543), result.Resolved.Find(DatabasePort));
    }

    [Fact]
    public void Resolve_VariableMissingWithDefault_UsesDefault()
    {
        var value = ResolvedValue("${DB_HOST:-localhost}", Vars());

        Assert.Equal(ConfigScalar.FromString("localhost"), value);
    }

    [Fact]
    public void Resolve_VariableSetWithDefault_PrefersVariable()
    {
        var value = ResolvedValue("${DB_HOST:-localhost}", Vars(("DB_HOST", "db1")));

        Assert.Equal(ConfigScalar.FromString("db1"), value);
    }

    [Fact]
    public void Resolve_VariableSetToEmptyWithDefault_UsesDefault()
    {
        var value = ResolvedValue("${DB_HOST:-localhost}", Vars(("DB_HOST", "")));

        Assert.Equal(ConfigScalar.FromString("localhost"), value);
    }

    [Fact]
    public void Resolve_VariableSetToEmptyWithoutDefault_GivesEmptyString()
    {
        var value = ResolvedValue("${DB_HOST}", Vars(("DB_HOST", "")));

        Assert.Equal(ConfigScalar.FromString(""), value);
    }

    [Fact]
    public void Resolve_EmptyDefault_GivesEmptyString()
    {
        var value = ResolvedValue("${PREFIX:-}", Vars());

        Assert.Equal(ConfigScalar.FromString(""), value);
    }

    [Fact]
    public void Resolve_EmptyDefaultInsideText_GivesSurroundingText()
    {
        var value = ResolvedValue("a${PREFIX:-}b", Vars());

        Assert.Equal(ConfigScalar.FromString("ab"), value);
    }

    [Fact]
    public void Resolve_MissingVariable_ErrorNamesVariableAndPath()
    {
        var template = Database("${DB_HOST}", "5432");

        var result = VariableSubstitution.Resolve(template, Vars());

        Assert.False(result.IsSuccess);
        Assert.Null(result.Resolved);
        Assert.Empty(result.SubstitutedPaths);
        var error = Assert.Single(result.Errors);
        Assert.Equal(DatabaseHost, error.Path);
        Assert.Equal("DB_HOST", error.VariableName);
        Assert.Equal("variable 'DB_HOST' is not set and has no default (at database:host)", error.Message);
    }

    [Fact]
    public void Resolve_SeveralProblems_ReportsAllInDocumentOrder()
    {
        var template = new ConfigDocument(ConfigMap.Create(
            ("a", ConfigScalar.FromString("${MISSING_A}")),
            ("list", ConfigSequence.Create(ConfigScalar.FromString("ok"), ConfigScalar.FromString("${MISSING_B}-${MISSING_C}"))),
            ("bad", ConfigScalar.FromString("${}")),
            ("open", ConfigScalar.FromString("x ${UNCLOSED"))));

        var result = VariableSubstitution.Resolve(template, Vars());

        Assert.False(result.IsSuccess);
        Assert.Equal(
            ["MISSING_A", "MISSING_B", "MISSING_C", "", "UNCLOSED"],
            result.Errors.Select(e => e.VariableName));
        Assert.Equal(
            ["a", "list:1", "list:1", "bad", "open"],
            result.Errors.Select(e => e.Path.ToString()));
    }

    [Fact]
    public void Resolve_UnclosedReference_ReportsNotClosed()
    {
        var result = VariableSubstitution.Resolve(Single("${HOST:-x"), Vars(("HOST", "h")));

        var error = Assert.Single(result.Errors);
        Assert.Equal("HOST", error.VariableName);
        Assert.Contains("not closed", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(at v)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_EmptyName_ReportsEmptyName()
    {
        var result = VariableSubstitution.Resolve(Single("${:-x}"), Vars());

        var error = Assert.Single(result.Errors);
        Assert.Equal("", error.VariableName);
        Assert.Contains("empty variable name", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("${1ABC}", "1ABC")]
    [InlineData("${A B}", "A B")]
    [InlineData("${A:B}", "A:B")]
    [InlineData("${A$B}", "A$B")]
    public void Resolve_InvalidName_ReportsInvalidName(string template, string name)
    {
        var result = VariableSubstitution.Resolve(Single(template), Vars((name, "value")));

        var error = Assert.Single(result.Errors);
        Assert.Equal(name, error.VariableName);
        Assert.Contains($"variable name '{name}' is invalid", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("_X")]
    [InlineData("my.var")]
    [InlineData("my-var")]
    [InlineData("Db_Host2")]
    public void Resolve_NameWithAllowedCharacters_Resolves(string name)
    {
        var value = ResolvedValue("${" + name + "}", Vars((name, "v")));

        Assert.Equal(ConfigScalar.FromString("v"), value);
    }

    [Fact]
    public void Resolve_RootScalarMissing_ErrorShowsRootPath()
    {
        var result = VariableSubstitution.Resolve(new ConfigDocument(ConfigScalar.FromString("${X}")), Vars());

        var error = Assert.Single(result.Errors);
        Assert.Equal(ConfigPath.Root, error.Path);
        Assert.EndsWith("(at <root>)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_Escape_GivesLiteralReferenceText()
    {
        var template = Single("$${NOT_A_VAR} and $${X:-y}");

        var result = VariableSubstitution.Resolve(template, Vars());

        Assert.True(result.IsSuccess);
        Assert.Equal(ConfigScalar.FromString("${NOT_A_VAR} and ${X:-y}"), result.Resolved.Find("v"));
        Assert.Empty(result.SubstitutedPaths);
    }

    [Fact]
    public void Resolve_EscapeNextToReference_ResolvesOnlyTheReference()
    {
        var value = ResolvedValue("$${A}${A}", Vars(("A", "1")));

        Assert.Equal(ConfigScalar.FromString("${A}1"), value);
    }

    [Theory]
    [InlineData("price: 5$", "price: 5$")]
    [InlineData("pa$$word", "pa$$word")]
    [InlineData("$HOME", "$HOME")]
    [InlineData("{x}$", "{x}$")]
    public void Resolve_DollarWithoutBrace_IsPlainText(string template, string expected)
    {
        var value = ResolvedValue(template, Vars(("HOME", "/root")));

        Assert.Equal(ConfigScalar.FromString(expected), value);
    }

    [Fact]
    public void Resolve_MixedTextAndSeveralReferences_BuildsString()
    {
        var value = ResolvedValue("jdbc://${HOST}:${PORT:-5432}/db", Vars(("HOST", "db1")));

        Assert.Equal(ConfigScalar.FromString("jdbc://db1:5432/db"), value);
    }

    [Fact]
    public void Resolve_PartialReferenceWithNumericValue_StaysString()
    {
        var value = ResolvedValue("${PORT}0", Vars(("PORT", "543")));

        Assert.Equal(ConfigScalar.FromString("5430"), value);
    }

    [Theory]
    [InlineData("5432", ScalarKind.Integer, "5432")]
    [InlineData("-12", ScalarKind.Integer, "-12")]
    [InlineData("+7", ScalarKind.Integer, "7")]
    [InlineData("0x1F", ScalarKind.Integer, "31")]
    [InlineData("0o17", ScalarKind.Integer, "15")]
    [InlineData("1.5", ScalarKind.Float, "1.5")]
    [InlineData("1e3", ScalarKind.Float, "1e3")]
    [InlineData("1.50", ScalarKind.Float, "1.50")]
    [InlineData(".5", ScalarKind.Float, "0.5")]
    [InlineData("-.inf", ScalarKind.Float, "-Infinity")]
    [InlineData(".NaN", ScalarKind.Float, "NaN")]
    [InlineData("true", ScalarKind.Boolean, "true")]
    [InlineData("FALSE", ScalarKind.Boolean, "false")]
    [InlineData("True", ScalarKind.Boolean, "true")]
    [InlineData("null", ScalarKind.Null, "")]
    [InlineData("~", ScalarKind.Null, "")]
    [InlineData("", ScalarKind.String, "")]
    [InlineData("yes", ScalarKind.String, "yes")]
    [InlineData("0x", ScalarKind.String, "0x")]
    [InlineData(" 5", ScalarKind.String, " 5")]
    [InlineData("5\n", ScalarKind.String, "5\n")]
    [InlineData("99999999999999999999", ScalarKind.Integer, "99999999999999999999")]
    [InlineData("1e400", ScalarKind.String, "1e400")]
    [InlineData("0xFFFFFFFFFFFFFFFF", ScalarKind.String, "0xFFFFFFFFFFFFFFFF")]
    [InlineData("1_000", ScalarKind.String, "1_000")]
    public void Resolve_WholeStringIsOneReference_RetypesLikeYamlPlainScalar(string variableValue, ScalarKind kind, string text)
    {
        var value = Assert.IsType<ConfigScalar>(ResolvedValue("${V}", Vars(("V", variableValue))));

        Assert.Equal(kind, value.Kind);
        Assert.Equal(text, value.Text);
    }

    [Fact]
    public void Resolve_WholeStringIsOneReferenceWithDefault_RetypesDefault()
    {
        var template = Database("h", "${DB_PORT:-5432}");

        var result = VariableSubstitution.Resolve(template, Vars());

        Assert.True(result.IsSuccess);
        Assert.Equal(ConfigScalar.FromInteger(5432), result.Resolved.Find(DatabasePort));
    }

    [Fact]
    public void Resolve_ValueContainsReference_InsertedLiterally()
    {
        var value = ResolvedValue("${OUTER}", Vars(("OUTER", "${INNER}"), ("INNER", "secret")));

        Assert.Equal(ConfigScalar.FromString("${INNER}"), value);
    }

    [Fact]
    public void Resolve_DefaultContainsReferenceText_InsertedLiterallyUpToFirstBrace()
    {
        var value = ResolvedValue("${A:-${B}}", Vars(("B", "secret")));

        Assert.Equal(ConfigScalar.FromString("${B}"), value);
    }

    [Fact]
    public void Resolve_SubstitutedPaths_ListsExactlyVariableAndDefaultPaths()
    {
        var template = new ConfigDocument(ConfigMap.Create(
            ("fromVar", ConfigScalar.FromString("${A}")),
            ("fromDefault", ConfigScalar.FromString("${MISSING:-d}")),
            ("mixed", ConfigScalar.FromString("x-${A}-y")),
            ("escapeOnly", ConfigScalar.FromString("$${A}")),
            ("plain", ConfigScalar.FromString("plain")),
            ("list", ConfigSequence.Create(ConfigScalar.FromString("a"), ConfigScalar.FromString("${A}"))),
            ("number", ConfigScalar.FromInteger(3))));

        var result = VariableSubstitution.Resolve(template, Vars(("A", "1")));

        Assert.True(result.IsSuccess);
        Assert.Equal(
            new[] { "fromDefault", "fromVar", "list:1", "mixed" },
            result.SubstitutedPaths.Select(p => p.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Resolve_KeysWithReferences_AreNotSubstituted()
    {
        var template = new ConfigDocument(ConfigMap.Create(("${KEY}", ConfigScalar.FromString("v"))));

        var result = VariableSubstitution.Resolve(template, Vars(("KEY", "k")));

        Assert.True(result.IsSuccess);
        var map = Assert.IsType<ConfigMap>(result.Resolved.Root);
        Assert.Equal(["${KEY}"], map.Keys);
        Assert.Empty(result.SubstitutedPaths);
    }

    [Fact]
    public void Resolve_NonStringScalars_AreUntouched()
    {
        var template = new ConfigDocument(ConfigMap.Create(
            ("i", ConfigScalar.FromInteger(1)),
            ("b", ConfigScalar.True),
            ("n", ConfigScalar.Null),
            ("f", ConfigScalar.FromFloat(2.5))));

        var result = VariableSubstitution.Resolve(template, Vars());

        Assert.True(result.IsSuccess);
        Assert.Same(template, result.Resolved);
        Assert.Empty(result.SubstitutedPaths);
    }

    [Fact]
    public void Resolve_NoReferences_ReturnsSameDocumentInstance()
    {
        var template = Database("h", "p$");

        var result = VariableSubstitution.Resolve(template, Vars());

        Assert.Same(template, result.Resolved);
    }

    [Fact]
    public void Resolve_UnchangedSubtrees_KeptByReference()
    {
        var untouched = ConfigMap.Create(("x", ConfigScalar.FromString("1")), ("y", ConfigSequence.Create(ConfigScalar.FromString("2"))));
        var template = new ConfigDocument(
            ConfigMap.Create(("untouched", untouched), ("templated", ConfigMap.Create(("v", ConfigScalar.FromString("${A}"))))),
            "settings.yaml");

        var result = VariableSubstitution.Resolve(template, Vars(("A", "a")));

        Assert.True(result.IsSuccess);
        Assert.Same(untouched, result.Resolved.Find("untouched"));
        Assert.Equal("settings.yaml", result.Resolved.SourceName);
        Assert.Equal(ConfigScalar.FromString("${A}"), template.Find("templated:v"));
    }

    [Fact]
    public void Resolve_KeepsKeyOrder()
    {
        var template = new ConfigDocument(ConfigMap.Create(
            ("z", ConfigScalar.FromString("${A}")),
            ("a", ConfigScalar.FromString("1")),
            ("m", ConfigScalar.FromString("${A}"))));

        var result = VariableSubstitution.Resolve(template, Vars(("A", "x")));

        Assert.True(result.IsSuccess);
        Assert.Equal(["z", "a", "m"], Assert.IsType<ConfigMap>(result.Resolved.Root).Keys);
    }

    [Fact]
    public void FindReferences_ListsEveryOccurrenceWithDefaultAndPath()
    {
        var template = new ConfigDocument(ConfigMap.Create(
            ("url", ConfigScalar.FromString("jdbc://${HOST}:${PORT:-5432}/db")),
            ("list", ConfigSequence.Create(ConfigScalar.FromString("${HOST}"), ConfigScalar.FromString("${EMPTY:-}"))),
            ("escaped", ConfigScalar.FromString("$${NOPE}")),
            ("broken", ConfigScalar.FromString("${}"))));

        var references = VariableSubstitution.FindReferences(template);

        Assert.Equal(
            new VariableReference[]
            {
                new("HOST", null, ConfigPath.Root.Key("url")),
                new("PORT", "5432", ConfigPath.Root.Key("url")),
                new("HOST", null, ConfigPath.Root.Key("list").Index(0)),
                new("EMPTY", "", ConfigPath.Root.Key("list").Index(1)),
            },
            references);
    }

    [Fact]
    public void FindTemplatedPaths_IncludesMalformedExcludesEscapesAndKeys()
    {
        var template = new ConfigDocument(ConfigMap.Create(
            ("password", ConfigScalar.FromString("${DB_PASSWORD}")),
            ("broken", ConfigScalar.FromString("${UNCLOSED")),
            ("escaped", ConfigScalar.FromString("$${NOPE}")),
            ("${KEY}", ConfigScalar.FromString("plain")),
            ("nested", ConfigSequence.Create(ConfigMap.Create(("token", ConfigScalar.FromString("Bearer ${TOKEN}")))))));

        var paths = VariableSubstitution.FindTemplatedPaths(template);

        Assert.Equal(
            ImmutableHashSet.Create(
                ConfigPath.Root.Key("password"),
                ConfigPath.Root.Key("broken"),
                ConfigPath.Root.Key("nested").Index(0).Key("token")),
            paths);
    }

    [Fact]
    public void HasReferences_TemplateWithReference_True()
    {
        var template = new ConfigDocument(ConfigSequence.Create(ConfigScalar.FromString("a"), ConfigScalar.FromString("x${A}")));

        Assert.True(VariableSubstitution.HasReferences(template));
    }

    [Fact]
    public void HasReferences_OnlyEscapesKeysAndPlainDollars_False()
    {
        var template = new ConfigDocument(ConfigMap.Create(
            ("${KEY}", ConfigScalar.FromString("$${A} costs 5$")),
            ("n", ConfigScalar.FromInteger(1))));

        Assert.False(VariableSubstitution.HasReferences(template));
    }
}
