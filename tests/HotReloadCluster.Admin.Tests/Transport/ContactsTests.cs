using HotReloadCluster.Hrc.Transport;

namespace HotReloadCluster.Admin.Tests.Transport;

public sealed class ContactsTests
{
    [Theory]
    [InlineData("127.0.0.1:4053", "akka.tcp://hotreload@127.0.0.1:4053")]
    [InlineData("node1:5000", "akka.tcp://hotreload@node1:5000")]
    [InlineData("akka.tcp://hotreload@10.0.0.7:4053", "akka.tcp://hotreload@10.0.0.7:4053")]
    [InlineData("akka.tcp://other@host:4100/", "akka.tcp://other@host:4100")]
    public void Normalize_HostPortOrAddress_GivesAFullAddress(string given, string expected)
    {
        Assert.Equal(expected, Contacts.Normalize(given));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("host:notaport")]
    [InlineData("host:70000")]
    [InlineData(":4053")]
    [InlineData("akka.tcp://hotreload@host")]
    public void Normalize_Malformed_GivesNull(string given)
    {
        Assert.Null(Contacts.Normalize(given));
    }

    [Fact]
    public void Receptionist_OfTheDefault_IsTheNodesReceptionist()
    {
        Assert.Equal("akka.tcp://hotreload@127.0.0.1:4053/system/receptionist", Contacts.Receptionist(Contacts.Default).ToString());
    }
}
