using PolicyApi.Domain.Importing;
using PolicyApi.Domain.Targets;

namespace PolicyApi.Domain.UnitTests.Importing;

/// <summary>Targets told apart from scopes and thresholds by the grammar of the sentence; growth and rank targets.</summary>
public sealed class TargetExtractorTests
{
    private static List<FoundTarget> Find(string text) => [.. TargetExtractor.Find(text, 2021)];

    [Fact]
    public void Find_WhenAFigureWithYiShangQualifiesANoun_ReadsItAsTheScopeOfTheTargetThatFollows()
    {
        var target = Assert.Single(Find("全市3000万美元以上外资项目到账率达到70%。"));
        Assert.Equal(("到账率", ">=", 70m, "%"), (target.Indicator, target.Comparator, target.Value, target.Unit));
        Assert.Equal("3000万美元以上外资项目", target.ScopeText);
        Assert.Equal("whole", target.Scope);
    }

    [Fact]
    public void Find_WhenYiShangEndsTheClause_ReadsTheFigureAsTheTarget()
    {
        var target = Assert.Single(Find("新签约外资项目投资额达到3000万美元以上，"));
        Assert.Equal((">=", 3000m, "万美元"), (target.Comparator, target.Value, target.Unit));
        Assert.Null(target.ScopeText);
    }

    [Fact]
    public void Find_WhenAThresholdQualifiesANounAndNothingIsRequired_FindsNoTarget() =>
        Assert.Empty(Find("对实际利用外资额1500万美元以上的重大项目实行市领导“一对一”跟踪服务机制。"));

    [Fact]
    public void Find_WhenTheOpeningParagraphSetsAnAmountAndItsGrowth_GivesTwoTargets()
    {
        var targets = Find("力争2021年全市实际使用外资突破13亿美元、同比增长8%以上。");
        Assert.Equal([(">=", 13m, "亿美元", false), (">=", 8m, "%", true)], targets.Select(t => (t.Comparator, t.Value, t.Unit, t.Growth)));
        Assert.Equal("力争2021年全市实际使用外资突破13亿美元", targets[0].Text);
        Assert.Equal("同比增长8%以上", targets[1].Text);
        Assert.Equal("实际使用外资", targets[0].Indicator);
        Assert.Equal("实际使用外资同比增长", targets[1].Indicator);
        Assert.All(targets, t => Assert.Equal(2021, t.Year));
    }

    [Theory]
    [InlineData("实际使用外资增幅达到10%。", "实际使用外资增幅")]
    [InlineData("外贸进出口增速不低于8%。", "外贸进出口增速")]
    [InlineData("外资企业营业收入同比增长5%以上。", "外资企业营业收入同比增长")]
    public void Find_WhenARateFollowsAGrowthWord_ReadsAGrowthTarget(string text, string indicator)
    {
        var target = Assert.Single(Find(text));
        Assert.True(target.Growth);
        Assert.Equal(indicator, target.Indicator);
    }

    [Fact]
    public void Find_WhenARankIsToBeGained_ReadsPositionsAsTheUnit()
    {
        var target = Assert.Single(Find("在全省开发区综合考核中排名提升3个位次。"));
        Assert.Equal((">=", 3m, "位次"), (target.Comparator, target.Value, target.Unit));
        Assert.Equal(Accumulation.Level, Accumulations.ForUnitOfMeasure(target.Unit));
    }

    [Fact]
    public void Find_WhenARankIsToBeReached_ReadsAnAtMostTargetInPlaces()
    {
        var target = Assert.Single(Find("国家级经开区综合发展水平考核评价进入全国前30名。"));
        Assert.Equal(("<=", 30m, "名"), (target.Comparator, target.Value, target.Unit));
        Assert.Equal("国家级经开区综合发展水平考核评价排名", target.Indicator);
    }

    [Fact]
    public void Find_WhenAHeadCountIsNotARank_FindsNoTarget() => Assert.Empty(Find("每个园区配备2名服务专员。"));

    [Fact]
    public void Find_WhenTheIndicatorHoldsAYearInBrackets_KeepsTheTextsOwnDigits()
    {
        var target = Assert.Single(Find("“行企助力转型升级”行动签约外商新投资项目（2021年新登记）1个以上；"));
        Assert.Equal("“行企助力转型升级”行动签约外商新投资项目（2021年新登记）", target.Indicator);
        Assert.DoesNotContain("·", target.Indicator, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenTheFangchenggangPlanIsRead_KeepsTheYearInTheIndicatorOfTheNewProjectsTarget()
    {
        var (draft, _) = GroundTruth.Load("fangchenggang-2021-workplan");
        Assert.Contains(draft.Targets, t => t.Indicator == "“行企助力转型升级”行动签约外商新投资项目（2021年新登记）");
        Assert.DoesNotContain(draft.Targets, t => t.Indicator.Contains('·', StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_WhenAGrowthTargetFollowsTheAbsoluteTargetOfItsIndicator_LinksItAndWarnsThatTheBaselineIsLeftToFill()
    {
        var (draft, _) = GroundTruth.Load("fangchenggang-2021-workplan");
        var growth = draft.Targets.Single(t => t.Growth);
        Assert.Equal("同比增长20%以上", growth.Text);
        var absolute = draft.Targets[growth.BasedOn!.Value];
        Assert.Equal((7000m, "万美元"), (absolute.Value, absolute.Unit));
        Assert.Contains(draft.Warnings, w => w.Contains("同比增长20%以上", StringComparison.Ordinal) && w.Contains("baseline", StringComparison.Ordinal));
        Assert.All(draft.Targets.Where(t => !t.Growth), t => Assert.Null(t.BasedOn));
    }

    [Fact]
    public void Parse_WhenTheOpeningParagraphSetsAnAmountAndItsGrowth_LinksTheGrowthToTheAmount()
    {
        var draft = PolicyTextParser.Parse(
            "XX市2021年稳外资工作方案\n力争2021年全市实际使用外资突破13亿美元、同比增长8%以上。\n一、重点工作\n（一）建立项目库。动态更新。（责任单位：市商务局）", "XX市");
        Assert.Equal([(13m, "亿美元", (int?)null), (8m, "%", 0)], draft.Targets.Select(t => (t.Value, t.Unit, t.BasedOn)));
    }

    [Fact]
    public void Problems_WhenBasedOnPointsAtAGrowthTargetOrOutOfTheDraft_NameTheField()
    {
        var (draft, _) = GroundTruth.Load("fangchenggang-2021-workplan");
        var growth = draft.Targets.ToList().FindIndex(t => t.Growth);
        var targets = draft.Targets.ToList();
        targets[growth] = targets[growth] with { BasedOn = growth };
        Assert.Contains(DraftChecks.Problems(draft with { Targets = targets }), p => p.Field == $"draft.targets[{growth}].basedOn");
        targets[growth] = targets[growth] with { BasedOn = 99 };
        Assert.Contains(DraftChecks.Problems(draft with { Targets = targets }), p => p.Field == $"draft.targets[{growth}].basedOn");
    }

    [Theory]
    [InlineData("实际使用外资完成5000万美元。", ">=", 5000, "万美元", false)]
    [InlineData("全市参展企业不少于100家次。", ">=", 100, "家次", false)]
    [InlineData("投诉事项受理后30个工作日内办结。", "<=", 30, "工作日", false)]
    [InlineData("短期险承保规模同比增长10%以上。", ">=", 10, "%", true)]
    public void Find_WhenTheVerbOrUnitIsLessCommon_ReadsTheTarget(string text, string comparator, int value, string unit, bool growth)
    {
        var target = Assert.Single(Find(text));
        Assert.Equal((comparator, (decimal)value, unit, growth), (target.Comparator, target.Value, target.Unit, target.Growth));
    }

    [Fact]
    public void Find_WhenAPledgedAmountOpensAList_ReadsItAsALevelToReach()
    {
        var targets = Find("确保全年全市实际使用外资1.2亿美元、同比增长15%以上。");
        Assert.Equal([(">=", 1.2m, "亿美元", false), (">=", 15m, "%", true)], targets.Select(t => (t.Comparator, t.Value, t.Unit, t.Growth)));
    }

    [Fact]
    public void Find_WhenAFigureCapsSupport_FindsNoTarget() =>
        Assert.Empty(Find("奖励资金按照当年实际到资额的1%安排，单个项目最高不超过1000万元。"));

    [Fact]
    public void Find_WhenNeiFollowsAFigureThatIsNotATime_DoesNotReadItAsALimit() =>
        Assert.Empty(Find("在3个园区内开展试点。"));

    [Fact]
    public void Find_WhenAYearMixesDigitsOfAnotherScript_ReadsTheTargetWithTheDocumentsYear()
    {
        // 20 then Arabic-Indic ٢٢: a year only ASCII digits make; int.Parse would throw on it (a 500 for the import).
        var target = Assert.Single(Find("20٢٢年实际使用外资达到7000万美元。"));
        Assert.Equal((7000m, "万美元", 2021), (target.Value, target.Unit, target.Year));
    }
}
