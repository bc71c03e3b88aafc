using CsCheck;
using HotReloadCluster.Core.Debouncing;

namespace HotReloadCluster.Core.Tests.Debouncing;

public sealed class DebounceConfigTests
{
    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    [Fact]
    public void Default_Values_AreSeedDefaults()
    {
        var config = DebounceConfig.Default;

        Assert.Equal(DebounceStrategy.FixedDelay, config.Strategy);
        Assert.Equal(Ms(100), config.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(1), config.MaxDelay);
        Assert.Equal(1.5, config.AdaptiveMultiplier);
        Assert.Equal(config, new DebounceConfig());
    }

    [Theory]
    [InlineData(DebounceStrategy.FixedDelay, 100, 1000, 100, 1000)]
    [InlineData(DebounceStrategy.Adaptive, 100, 1000, 100, 1000)]
    [InlineData(DebounceStrategy.Aggressive, 100, 1000, 400, 2000)]
    [InlineData(DebounceStrategy.Conservative, 100, 1000, 50, 500)]
    [InlineData(DebounceStrategy.Aggressive, 800, 1000, 2000, 2000)]
    [InlineData(DebounceStrategy.Conservative, 1.5, 3, 1, 1.5)]
    [InlineData(DebounceStrategy.Conservative, 1, 1, 1, 1)]
    [InlineData(DebounceStrategy.Conservative, 0.5, 0.8, 0.5, 0.8)]
    [InlineData(DebounceStrategy.Conservative, 0, 0, 0, 0)]
    [InlineData(DebounceStrategy.Aggressive, 0, 0, 0, 0)]
    public void EffectiveDelays_PerStrategy_AreScaled(
        DebounceStrategy strategy, double baseMs, double maxMs, double expectedBaseMs, double expectedMaxMs)
    {
        var config = new DebounceConfig { Strategy = strategy, BaseDelay = Ms(baseMs), MaxDelay = Ms(maxMs) };

        var effectiveBase = config.EffectiveBaseDelay;
        var effectiveMax = config.EffectiveMaxDelay;

        Assert.Equal(Ms(expectedBaseMs), effectiveBase);
        Assert.Equal(Ms(expectedMaxMs), effectiveMax);
        Assert.True(effectiveBase <= effectiveMax);
    }

    [Theory]
    [InlineData(0, 1000)]
    [InlineData(20, 1000)]
    [InlineData(100, 1000)]
    [InlineData(500, 5000)]
    [InlineData(86_400_000, 86_400_000)]
    [InlineData(10_000_000, 86_400_000)]
    public void DefaultMaxDelayFor_BaseDelay_IsTenTimesAtLeastOneSecondAtMostOneDay(double baseMs, double expectedMs)
    {
        var max = DebounceConfig.DefaultMaxDelayFor(Ms(baseMs));

        Assert.Equal(Ms(expectedMs), max);
    }

    [Fact]
    public void Fixed_Delay_DerivesMaxDelay()
    {
        var config = DebounceConfig.Fixed(Ms(20));

        Assert.Equal(DebounceStrategy.FixedDelay, config.Strategy);
        Assert.Equal(Ms(20), config.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(1), config.MaxDelay);
        Assert.Equal(1.5, config.AdaptiveMultiplier);
    }

    [Fact]
    public void Fixed_NegativeDelay_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => DebounceConfig.Fixed(Ms(-1)));

        Assert.Contains("BaseDelay", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_Adaptive_UsesDerivedMaxDelay()
    {
        var config = DebounceConfig.Create(DebounceStrategy.Adaptive, Ms(250));

        Assert.Equal(DebounceStrategy.Adaptive, config.Strategy);
        Assert.Equal(Ms(2500), config.MaxDelay);
    }

    [Fact]
    public void Validate_ZeroBaseDelay_IsAllowed()
    {
        var config = new DebounceConfig { BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero };

        var error = Record.Exception(config.Validate);

        Assert.Null(error);
    }

    [Fact]
    public void Validate_NegativeBaseDelay_ThrowsNamingBaseDelay()
    {
        var config = new DebounceConfig { BaseDelay = Ms(-5) };

        var error = Assert.Throws<ArgumentException>(config.Validate);

        Assert.Contains("BaseDelay must not be negative", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MaxDelayBelowBaseDelay_ThrowsNamingBoth()
    {
        var config = new DebounceConfig { BaseDelay = Ms(500), MaxDelay = Ms(400) };

        var error = Assert.Throws<ArgumentException>(config.Validate);

        Assert.Contains("MaxDelay (400 ms) must not be less than BaseDelay (500 ms)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MaxDelayAboveOneDay_Throws()
    {
        var config = new DebounceConfig { MaxDelay = TimeSpan.FromDays(1) + TimeSpan.FromTicks(1) };

        var error = Assert.Throws<ArgumentException>(config.Validate);

        Assert.Contains("must not exceed", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.99)]
    [InlineData(0)]
    [InlineData(-2)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Validate_BadMultiplier_ThrowsNamingMultiplier(double multiplier)
    {
        var config = new DebounceConfig { AdaptiveMultiplier = multiplier };

        var error = Assert.Throws<ArgumentException>(config.Validate);

        Assert.Contains("AdaptiveMultiplier must be a finite number of at least 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MultiplierOfOne_IsAllowed()
    {
        var config = new DebounceConfig { Strategy = DebounceStrategy.Adaptive, AdaptiveMultiplier = 1 };

        var error = Record.Exception(config.Validate);

        Assert.Null(error);
    }

    [Fact]
    public void Validate_UndefinedStrategy_Throws()
    {
        var config = new DebounceConfig { Strategy = (DebounceStrategy)42 };

        var error = Assert.Throws<ArgumentException>(config.Validate);

        Assert.Contains("Strategy 42", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fixed:20", DebounceStrategy.FixedDelay, 20)]
    [InlineData("fixeddelay:20", DebounceStrategy.FixedDelay, 20)]
    [InlineData("FixedDelay:20", DebounceStrategy.FixedDelay, 20)]
    [InlineData("adaptive:50", DebounceStrategy.Adaptive, 50)]
    [InlineData("ADAPTIVE:50", DebounceStrategy.Adaptive, 50)]
    [InlineData("aggressive:100", DebounceStrategy.Aggressive, 100)]
    [InlineData("conservative:10", DebounceStrategy.Conservative, 10)]
    [InlineData(" fixed : 20 ", DebounceStrategy.FixedDelay, 20)]
    [InlineData("fixed:0", DebounceStrategy.FixedDelay, 0)]
    [InlineData("fixed:0.5", DebounceStrategy.FixedDelay, 0.5)]
    [InlineData("fixed:2.0001", DebounceStrategy.FixedDelay, 2.0001)]
    [InlineData("adaptive:500", DebounceStrategy.Adaptive, 500)]
    public void Parse_ShortForm_GivesStrategyBaseAndDerivedMax(string text, DebounceStrategy strategy, double baseMs)
    {
        var config = DebounceConfig.Parse(text);
        var ok = DebounceConfig.TryParse(text, out var tried);

        Assert.Equal(strategy, config.Strategy);
        Assert.Equal(Ms(baseMs), config.BaseDelay);
        Assert.Equal(DebounceConfig.DefaultMaxDelayFor(Ms(baseMs)), config.MaxDelay);
        Assert.Equal(1.5, config.AdaptiveMultiplier);
        Assert.True(ok);
        Assert.Equal(config, tried);
    }

    [Fact]
    public void Parse_WithOptions_SetsMaxAndMultiplier()
    {
        var config = DebounceConfig.Parse("adaptive:50, MAX=2000 ,multiplier=2.5");

        Assert.Equal(DebounceStrategy.Adaptive, config.Strategy);
        Assert.Equal(Ms(50), config.BaseDelay);
        Assert.Equal(Ms(2000), config.MaxDelay);
        Assert.Equal(2.5, config.AdaptiveMultiplier);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("fixed")]
    [InlineData("fixed:")]
    [InlineData(":20")]
    [InlineData("fixed:-1")]
    [InlineData("fixed:+1")]
    [InlineData("fixed:abc")]
    [InlineData("fixed:20ms")]
    [InlineData("fixed:1e3")]
    [InlineData("fixed:1,5")]
    [InlineData("fixed:20:30")]
    [InlineData("fixed:0.00001")]
    [InlineData("fixed:86400001")]
    [InlineData("fixed:99999999999999999999999999")]
    [InlineData("slow:20")]
    [InlineData("fixed:20,")]
    [InlineData("fixed:20,max")]
    [InlineData("fixed:20,max=")]
    [InlineData("fixed:20,foo=1")]
    [InlineData("fixed:20,max=10")]
    [InlineData("fixed:20,max=100,max=200")]
    [InlineData("adaptive:50,multiplier=0.5")]
    [InlineData("adaptive:50,multiplier=abc")]
    [InlineData("adaptive:50,multiplier=-2")]
    public void TryParse_InvalidText_ReturnsFalseAndParseThrowsFormatException(string text)
    {
        var ok = DebounceConfig.TryParse(text, out var config);
        var error = Assert.Throws<FormatException>(() => DebounceConfig.Parse(text));

        Assert.False(ok);
        Assert.Null(config);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Parse_UnknownStrategy_MessageListsTheValidNames()
    {
        var error = Assert.Throws<FormatException>(() => DebounceConfig.Parse("slow:20"));

        Assert.Contains("'slow'", error.Message, StringComparison.Ordinal);
        Assert.Contains("fixed, fixeddelay, adaptive, aggressive or conservative", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MaxBelowBase_MessageIsTheValidationMessage()
    {
        var error = Assert.Throws<FormatException>(() => DebounceConfig.Parse("fixed:20,max=10"));

        Assert.Contains("MaxDelay (10 ms) must not be less than BaseDelay (20 ms)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse()
    {
        var ok = DebounceConfig.TryParse(null, out var config);

        Assert.False(ok);
        Assert.Null(config);
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => DebounceConfig.Parse(null!));
    }

    [Fact]
    public void ToString_DerivedValues_GivesShortForm()
    {
        Assert.Equal("fixed:100", DebounceConfig.Default.ToString());
        Assert.Equal("adaptive:50", DebounceConfig.Create(DebounceStrategy.Adaptive, Ms(50)).ToString());
        Assert.Equal("aggressive:100", DebounceConfig.Create(DebounceStrategy.Aggressive, Ms(100)).ToString());
        Assert.Equal("conservative:10", DebounceConfig.Create(DebounceStrategy.Conservative, Ms(10)).ToString());
        Assert.Equal("fixed:0.5", DebounceConfig.Fixed(Ms(0.5)).ToString());
    }

    [Fact]
    public void ToString_CustomMaxAndMultiplier_AppendsOptions()
    {
        var config = new DebounceConfig
        {
            Strategy = DebounceStrategy.Adaptive,
            BaseDelay = Ms(50),
            MaxDelay = Ms(2000),
            AdaptiveMultiplier = 2,
        };

        var text = config.ToString();

        Assert.Equal("adaptive:50,max=2000,multiplier=2", text);
    }

    [Theory]
    [InlineData("fixed:20")]
    [InlineData("adaptive:50")]
    [InlineData("aggressive:100")]
    [InlineData("conservative:10")]
    [InlineData("adaptive:50,max=2000,multiplier=2")]
    [InlineData("fixed:0,max=0")]
    public void ToString_ParsedText_RoundTrips(string text)
    {
        var config = DebounceConfig.Parse(text);

        var again = DebounceConfig.Parse(config.ToString());

        Assert.Equal(text, config.ToString());
        Assert.Equal(config, again);
    }

    [Fact]
    public void ToString_RandomValidConfigs_RoundTripThroughParse()
    {
        var gen =
            from strategy in Gen.Enum<DebounceStrategy>()
            from baseTicks in Gen.Long[0, TimeSpan.TicksPerHour]
            from extraTicks in Gen.Long[0, TimeSpan.TicksPerHour]
            from useDerivedMax in Gen.Bool
            from multiplier in Gen.Double[1, 10]
            let baseDelay = TimeSpan.FromTicks(baseTicks)
            select new DebounceConfig
            {
                Strategy = strategy,
                BaseDelay = baseDelay,
                MaxDelay = useDerivedMax ? DebounceConfig.DefaultMaxDelayFor(baseDelay) : baseDelay + TimeSpan.FromTicks(extraTicks),
                AdaptiveMultiplier = multiplier,
            };

        gen.Sample(config =>
        {
            var text = config.ToString();

            var parsed = DebounceConfig.Parse(text);

            Assert.Equal(config, parsed);
        }, iter: 1000);
    }
}
