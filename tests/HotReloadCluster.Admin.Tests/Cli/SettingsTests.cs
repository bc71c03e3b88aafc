using HotReloadCluster.Hrc.Cli;
using HotReloadCluster.Hrc.Transport;
using HotReloadCluster.Reloading;

namespace HotReloadCluster.Admin.Tests.Cli;

public sealed class SettingsTests
{
    [Theory]
    [InlineData(null, false, false, false)]
    [InlineData(3L, true, false, false)]
    [InlineData(null, true, true, false)]
    [InlineData(2L, false, true, false)]
    [InlineData(null, true, false, true)]
    [InlineData(null, false, true, true)]
    [InlineData(3L, false, false, true)]
    [InlineData(0L, false, false, false)]
    public void RollbackValidate_NotExactlyOneValidMode_IsAnError(long? to, bool previous, bool initial, bool valid)
    {
        var settings = new RollbackSettings { Topic = "t", To = to, Previous = previous, Initial = initial };

        Assert.Equal(valid, settings.Validate().Successful);
    }

    [Fact]
    public void RollbackMode_FollowsTheChosenFlag()
    {
        Assert.Equal(RollbackMode.Previous, new RollbackSettings { Topic = "t", Previous = true }.Mode);
        Assert.Equal(RollbackMode.Initial, new RollbackSettings { Topic = "t", Initial = true }.Mode);
        Assert.Equal(RollbackMode.ToVersion, new RollbackSettings { Topic = "t", To = 4 }.Mode);
    }

    [Fact]
    public void ResolveToken_FlagWinsOverTheEnvironment_AndBlankIsMissing()
    {
        string? Environment(string name) => name == HrcSettings.TokenVariable ? "from-env" : null;

        Assert.Equal("from-flag", new HrcSettings { Token = "from-flag" }.ResolveToken(Environment));
        Assert.Equal("from-env", new HrcSettings().ResolveToken(Environment));
        Assert.Null(new HrcSettings { Token = "  " }.ResolveToken(_ => null));
    }

    [Fact]
    public void Contacts_NoneGiven_IsTheNodesDefaultAddress_AndShorthandsExpand()
    {
        Assert.Equal(new[] { Contacts.Default }, new HrcSettings().Contacts().ToArray());
        Assert.Equal(
            new[] { "akka.tcp://hotreload@a:1", "akka.tcp://hotreload@b:2" },
            new HrcSettings { Contact = ["a:1", "akka.tcp://hotreload@b:2", "a:1"] }.Contacts().ToArray());
    }

    [Theory]
    [InlineData(0, null, false)]
    [InlineData(5, "nohost", false)]
    [InlineData(5, "host:4053", true)]
    public void Validate_TimeoutAndContacts(int timeout, string? contact, bool valid)
    {
        var settings = new HrcSettings { Timeout = timeout, Contact = contact is null ? null : [contact] };

        Assert.Equal(valid, settings.Validate().Successful);
    }

    [Fact]
    public void AuditAndShowValidate_RejectNonPositiveNumbers()
    {
        Assert.False(new AuditSettings { Limit = 0 }.Validate().Successful);
        Assert.True(new AuditSettings().Validate().Successful);
        Assert.Equal(50, new AuditSettings().Limit);
        Assert.False(new ShowSettings { Topic = "t", Version = 0 }.Validate().Successful);
        Assert.False(new DiffSettings { Topic = "t", From = 0 }.Validate().Successful);
        Assert.True(new DiffSettings { Topic = "t", From = 1, To = 2 }.Validate().Successful);
    }
}
