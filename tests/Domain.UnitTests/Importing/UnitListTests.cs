using PolicyApi.Domain.Documents;
using PolicyApi.Domain.Importing;
using PolicyApi.Domain.Units;

namespace PolicyApi.Domain.UnitTests.Importing;

/// <summary>Unit lists in the conventions public documents use, and what happens to one that cannot be read.</summary>
public sealed class UnitListTests
{
    private static DraftMeasure Measure(string line) =>
        PolicyTextParser.Parse($"2022年XX市稳外资工作要点\n一、重点工作\n{line}\n（二）收尾。完成总结。（责任单位：市商务局）", "XX市").Measures[0];

    private static IEnumerable<(string, UnitRole)> Roles(DraftMeasure measure) => measure.ResponsibleUnits.Select(u => (u.Name, u.Role));

    [Fact]
    public void Parse_WhenRoundBracketsHoldLeadAndCooperating_ReadsTheRoles()
    {
        var measure = Measure("（一）建立项目库。动态更新外资项目。（市商务局牵头，市发改委、市财政局配合）");
        Assert.Equal([("市商务局", UnitRole.Lead), ("市发改委", UnitRole.Cooperating), ("市财政局", UnitRole.Cooperating)], Roles(measure));
        Assert.Equal("动态更新外资项目。", measure.Body);
        Assert.Null(measure.UnparsedUnits);
    }

    [Theory]
    [InlineData("（一）建立项目库。动态更新外资项目。市商务局牵头，市发改委配合。", "市商务局/lead 市发改委/cooperating")]
    [InlineData("（一）建立项目库。动态更新外资项目。由市商务局负责。", "市商务局/responsible")]
    [InlineData("（一）建立项目库。动态更新外资项目。（由市商务局负责）", "市商务局/responsible")]
    [InlineData("（一）建立项目库。动态更新外资项目。市商务局、市统计局按职责分工负责。", "市商务局/responsible 市统计局/responsible")]
    [InlineData("（一）建立项目库。动态更新外资项目。责任单位：市商务局、市发改委。", "市商务局/responsible 市发改委/responsible")]
    [InlineData("（一）建立项目库。动态更新外资项目。（牵头单位：市商务局；配合单位：各县（市、区）政府）", "市商务局/lead 各县（市、区）政府/cooperating")]
    public void Parse_WhenAMeasureEndsWithAUnitListInAnyConvention_ReadsTheUnitsAndKeepsThemOutOfTheBody(string line, string expected)
    {
        var measure = Measure(line);
        Assert.Equal(expected, string.Join(' ', measure.ResponsibleUnits.Select(u => $"{u.Name}/{u.Role.ToString().ToLowerInvariant()}")));
        Assert.Equal("动态更新外资项目。", measure.Body);
    }

    [Fact]
    public void Parse_WhenAnOrdinarySentenceEndsTheMeasure_ReadsNoUnits()
    {
        var measure = Measure("（一）加强组织领导。市商务局负责统筹协调、督促指导和总结。");
        Assert.Empty(measure.ResponsibleUnits);
        Assert.Null(measure.UnparsedUnits);
        Assert.Contains("市商务局负责统筹协调", measure.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenAUnitListsBracketIsNeverClosed_KeepsItAsUnparsedUnitsWithAWarningNamingTheLine()
    {
        var draft = PolicyTextParser.Parse("2022年XX市稳外资工作要点\n一、重点工作\n（一）建立项目库。动态更新外资项目。（责任单位：市商务局、市发改委\n（二）收尾。完成总结。（责任单位：市商务局）", "XX市");
        var measure = draft.Measures[0];
        Assert.Equal("（责任单位：市商务局、市发改委", measure.UnparsedUnits);
        Assert.Empty(measure.ResponsibleUnits);
        Assert.Equal("动态更新外资项目。", measure.Body);
        Assert.Contains(draft.Warnings, w => w.StartsWith("Line 3:", StringComparison.Ordinal) && w.Contains("市商务局、市发改委", StringComparison.Ordinal));
        Assert.Single(DraftReview.Unresolved(draft), p => p.Field == "draft.measures[0].unparsedUnits");
    }

    [Fact]
    public void Parse_WhenBracketsInsideAUnitListDoNotBalance_KeepsTheWholeListUnparsed()
    {
        var measure = Measure("（一）建立项目库。动态更新外资项目。〔市商务局牵头，各县（市、区人民政府配合〕");
        Assert.Equal("〔市商务局牵头，各县（市、区人民政府配合〕", measure.UnparsedUnits);
        Assert.Empty(measure.ResponsibleUnits);
    }

    [Fact]
    public void Parse_WhenAListNamesNoUnit_KeepsItUnparsed()
    {
        var measure = Measure("（一）建立项目库。动态更新外资项目。（责任单位：）");
        Assert.Equal("责任单位：", measure.UnparsedUnits);
    }

    [Fact]
    public void Unresolved_WhenAPersonClearedUnparsedUnits_ReportsNothing()
    {
        var draft = PolicyTextParser.Parse("2022年XX市稳外资工作要点\n一、重点工作\n（一）建立项目库。动态更新外资项目。（责任单位：市商务局、市发改委\n", "XX市");
        var resolved = draft with { Measures = [draft.Measures[0] with { UnparsedUnits = null, ResponsibleUnits = [new DraftUnit("市商务局", UnitRole.Responsible)] }] };
        Assert.Empty(DraftReview.Unresolved(resolved));
        Assert.Empty(DraftChecks.Problems(resolved));
    }

    [Theory]
    [InlineData("区各部门")]
    [InlineData("区各招商主体")]
    [InlineData("区各相关部门")]
    [InlineData("各有关单位")]
    [InlineData("其他市直有关单位")]
    [InlineData("有关部门")]
    public void IsCollective_WhenThePhraseNamesAClassOfUnits_IsTrue(string name) => Assert.True(DraftUnit.IsCollective(name));

    [Theory]
    [InlineData("区自贸办")]
    [InlineData("市商务局")]
    [InlineData("中华药港指挥部")]
    public void IsCollective_WhenTheNameIsOneUnits_IsFalse(string name) => Assert.False(DraftUnit.IsCollective(name));

    [Fact]
    public void Parse_WhenTheEtdzPlanNamesTheFreeTradeOfficeInTraditionalCharactersToo_WarnsThatTheyAreOneUnit()
    {
        var (draft, _) = GroundTruth.Load("lianyungang-etdz-2021-plan");
        Assert.Contains(draft.Warnings, w => w.Contains("区自贸办", StringComparison.Ordinal) && w.Contains("区自貿办", StringComparison.Ordinal) && w.Contains("one unit", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("区自貿办", "区自贸办")]
    [InlineData("市发展和改革委员会", "市发改委")]
    [InlineData("市发展改革委", "市发改委")]
    [InlineData("东兴市人民政府", "东兴市政府")]
    public void Key_WhenNamesDifferByVariantOrAbbreviation_IsTheSame(string one, string other) =>
        Assert.Equal(UnitNameVariants.Key(one), UnitNameVariants.Key(other));

    [Fact]
    public void Key_WhenNamesAreOfDifferentUnits_Differs() => Assert.NotEqual(UnitNameVariants.Key("市商务局"), UnitNameVariants.Key("市财政局"));
}
