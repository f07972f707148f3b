using Lims.Domain.Tubes;

namespace Lims.Domain.Tests;

public sealed class MemberTests
{
    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("欧阳娜娜", "欧***")]
    [InlineData("Li Wei", "L*****")]
    [InlineData("A", "*")]
    [InlineData("", "*")]
    public void MaskName_shows_only_the_first_character(string name, string masked)
    {
        Assert.Equal(masked, Member.MaskName(name));
    }

    [Theory]
    [InlineData("13800138000", "*******8000")]
    [InlineData("+86 138 0013 8000", "*************8000")]
    [InlineData("12345", "*2345")]
    [InlineData("1234", "****")]
    [InlineData("12", "**")]
    [InlineData("", "")]
    public void MaskPhone_shows_only_the_last_four_characters_of_a_longer_number(string phone, string masked)
    {
        Assert.Equal(masked, Member.MaskPhone(phone));
    }

    [Fact]
    public void MaskPhone_of_no_phone_is_no_phone()
    {
        Assert.Null(Member.MaskPhone(null));
    }
}
