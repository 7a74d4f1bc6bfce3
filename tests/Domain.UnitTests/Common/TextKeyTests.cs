using PolicyApi.Domain.Common;
using PolicyApi.Domain.Documents;

namespace PolicyApi.Domain.UnitTests.Common;

public sealed class TextKeyTests
{
    [Theory]
    [InlineData("各县（市、区）人民政府", "各县(市、区)人民政府")]
    [InlineData("连政发〔2020〕62号", "连政发[2020]62 号")]
    [InlineData("连政发〔2020〕62号", "连政发（2020）62号")]
    [InlineData("市发改委", " 市发改委\u3000")]
    [InlineData("ＥＴＤＺ管委会", "etdz管委会")]
    public void For_WhenSpellingsDifferOnlyInWidthBracketsOrSpaces_GivesTheSameKey(string a, string b) =>
        Assert.Equal(TextKey.For(a), TextKey.For(b));

    [Theory]
    [InlineData("区自贸办", "区自貿办")]
    [InlineData("市商务局", "商务局")]
    [InlineData("连政发〔2020〕62号", "连政发〔2020〕26号")]
    public void For_WhenTheWordsDiffer_GivesDifferentKeys(string a, string b) =>
        Assert.NotEqual(TextKey.For(a), TextKey.For(b));

    [Fact]
    public void DocumentNumber_KeepsTheNumberAsWrittenAndFoldsOnlyTheKey()
    {
        var number = DocumentNumber.From("连政发〔2020〕62 号")!;

        Assert.Equal("连政发〔2020〕62 号", number.Value);
        Assert.Equal(DocumentNumber.From("连政发[2020]62号")!.Key, number.Key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void DocumentNumber_WhenBlank_IsNone(string? value) => Assert.Null(DocumentNumber.From(value));

    [Fact]
    public void DocumentNumber_WhenTooLong_IsRefusedNamingTheField()
    {
        var error = Assert.Throws<DomainValidationException>(() => DocumentNumber.From(new string('号', 101)));

        Assert.Equal("docNumber", error.Field);
    }

    [Fact]
    public void For_TextWithCodePointsThatAreNotCharacters_DropsThemInsteadOfFailing() =>
        Assert.Equal(TextKey.For("市商务局"), TextKey.For("市商\ufffe务局"));
}
