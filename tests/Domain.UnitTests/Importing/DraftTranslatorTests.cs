using PolicyApi.Domain.Documents;
using PolicyApi.Domain.Importing;
using PolicyApi.Domain.Targets;
using PolicyApi.Domain.Units;

namespace PolicyApi.Domain.UnitTests.Importing;

public sealed class DraftTranslatorTests
{
    private const string Region = "防城港市";

    private static readonly ResponsibleUnit Commerce = ResponsibleUnit.Register(Region, new UnitDetails("市商务局", null, UnitKind.Department, []));
    private static readonly ResponsibleUnit Investment = ResponsibleUnit.Register(Region, new UnitDetails("市投资促进局", null, UnitKind.Department, []));
    private static readonly ResponsibleUnit Gangkou = ResponsibleUnit.Register(Region, new UnitDetails("港口区", null, UnitKind.DistrictGovernment, []));
    private static readonly ResponsibleUnit Shangsi = ResponsibleUnit.Register(Region, new UnitDetails("上思县", null, UnitKind.DistrictGovernment, []));

    private static readonly SourceSpan Span = new(0, 1, 1);

    /// <summary>A draft as a careful reader would check it: two measures of 二、主要任务, a target in 一、工作目标 and one in the first measure.</summary>
    private static ImportDraft Draft() => new(
        "2021年防城港市扩大利用外资规模工作方案", null, null, "防城港市人民政府", null, Region, DocumentKind.WorkPlan, 2021,
        [new DraftChapter("一、", "工作目标", Span), new DraftChapter("二、", "主要任务", Span)],
        [
            new DraftMeasure(1, "（一）", null, false, "二、", null, null, "强化招商引资", "各县市区年内开展不少于4次外资专题招商活动。", MeasureKind.Measure,
                [new DraftUnit("市商务局", UnitRole.Lead), new DraftUnit("市投资促进局", UnitRole.Cooperating), new DraftUnit("商务局", UnitRole.Cooperating)],
                false, null, [], Span),
            new DraftMeasure(2, "（二）", null, false, "二、", null, null, "优化营商环境", null, MeasureKind.Measure,
                [new DraftUnit("各县市区人民政府", UnitRole.Responsible), new DraftUnit("其他市直有关单位", UnitRole.Cooperating), new DraftUnit("其他有关单位", UnitRole.Responsible)],
                false, null, [], Span),
        ],
        [],
        [
            new DraftTarget("2021年全市实际利用外资工作目标7000万美元", "实际利用外资", Comparator.AtLeast, 7000, "万美元", Accumulation.Cumulative, "2021", "whole", null, false, null, null, "一、", Span),
            new DraftTarget("各县市区年内开展不少于4次外资专题招商活动", "外资专题招商活动", Comparator.AtLeast, 4, "次", Accumulation.Count, null, "each", "各县市区", false, "（一）", 1, "二、", Span),
        ],
        [],
        null,
        []);

    private static TranslatedDraft Translate()
    {
        var draft = Draft();
        var units = new Dictionary<string, ResponsibleUnit>(StringComparer.Ordinal)
        {
            ["市商务局"] = Commerce, ["商务局"] = Commerce, ["市投资促进局"] = Investment,
        };
        return DraftTranslator.Translate(draft, units, [Commerce, Investment, Gangkou, Shangsi]);
    }

    [Fact]
    public void Translate_AUnitNamedTwice_KeepsItsStrongestRole()
    {
        var measure = Translate().Document.Measures.Single(m => m.Title.StartsWith("强化招商引资", StringComparison.Ordinal));
        Assert.Equal(
            [(Commerce.Id, UnitRole.Lead), (Investment.Id, UnitRole.Cooperating)],
            measure.Assignments.Select(a => (a.UnitId, a.Role)).OrderBy(a => a.Role));
    }

    [Fact]
    public void Translate_ACollectiveResponsibleName_BecomesABlanketAssignmentByKind_AndAnUnknownClassIsNoted()
    {
        var translated = Translate();
        var environment = translated.Document.Measures.Single(m => m.Title.StartsWith("优化营商环境", StringComparison.Ordinal));
        Assert.Equal([UnitKind.DistrictGovernment], environment.BlanketAssignment!.UnitKinds);
        Assert.Equal(1, translated.BlanketAssignments);
        Assert.Contains(translated.Notes, n => n.Contains("其他市直有关单位", StringComparison.Ordinal) && n.Contains("not recorded as an assignment", StringComparison.Ordinal));
        Assert.Empty(environment.Assignments);
    }

    [Fact]
    public void Translate_Targets_TakeTheirYearAccumulationAndTheUnitsEachBinds()
    {
        var targets = Translate().Targets;
        var fdi = targets.Single(t => t.UnitOfMeasure == "万美元");
        Assert.Equal((Comparator.AtLeast, 7000m, Accumulation.Cumulative, TargetScope.Region), (fdi.Comparator, fdi.Value, fdi.Accumulation, fdi.Scope));
        Assert.Equal((new DateOnly(2021, 1, 1), new DateOnly(2021, 12, 31)), (fdi.PeriodStart, fdi.PeriodEnd));

        var events = targets.Single(t => t.UnitOfMeasure == "次");
        Assert.Equal((Accumulation.Count, TargetScope.EachUnit), (events.Accumulation, events.Scope));
        Assert.Equal(new[] { Gangkou.Id, Shangsi.Id }.Order(), events.ScopeUnits.Select(s => s.UnitId).Order());
    }

    [Fact]
    public void Translate_ADraftWithoutATitle_IsRefusedNamingTheField()
    {
        var draft = Draft() with { Title = null, EnclosedTitle = null };
        var refused = Assert.Throws<PolicyApi.Domain.Common.DomainValidationException>(() => DraftTranslator.Translate(draft, new Dictionary<string, ResponsibleUnit>(), []));
        Assert.Equal("draft.title", refused.Field);
    }

    [Theory]
    [InlineData("市中级人民法院", UnitKind.Court)]
    [InlineData("防城港海关", UnitKind.VerticalAgency)]
    [InlineData("市贸促会", UnitKind.Association)]
    [InlineData("东兴试验区管委会", UnitKind.FunctionalZone)]
    [InlineData("上思县", UnitKind.DistrictGovernment)]
    [InlineData("市商务局", UnitKind.Department)]
    [InlineData("东兴市", UnitKind.DistrictGovernment)]
    [InlineData("东兴市政府", UnitKind.DistrictGovernment)]
    [InlineData("猴嘴街道办事处", UnitKind.DistrictGovernment)]
    [InlineData("区自贸办", UnitKind.Department)]
    [InlineData("连云港经济技术开发区管委会", UnitKind.FunctionalZone)]
    public void Guess_ReadsTheKindFromTheName(string name, UnitKind kind) => Assert.Equal(kind, UnitKinds.Guess(name));

    [Fact]
    public void Translate_WhenATaskRowNamesACollectivePhrase_MakesItABlanketAssignmentAndNoUnit()
    {
        var office = ResponsibleUnit.Register(Region, new UnitDetails("区自贸办", null, UnitKind.Department, []));
        var draft = Draft() with
        {
            Tasks = [new DraftTask(1, "复制推广改革试点经验", false, null, "积极推广各自贸试验区相关改革试点经验。", [new DraftUnit("区自贸办", UnitRole.Responsible), new DraftUnit("区各部门", UnitRole.Responsible)], "（一）", 1, Span)],
        };
        var units = new Dictionary<string, ResponsibleUnit>(StringComparer.Ordinal) { ["区自贸办"] = office };
        var translated = DraftTranslator.Translate(draft, units, [office]);
        var task = translated.Document.Measures.Single(m => m.Kind == MeasureKind.Task);
        Assert.Equal([office.Id], task.Assignments.Select(a => a.UnitId));
        Assert.Equal("区各部门", task.BlanketAssignment!.Text);
        Assert.Equal([UnitKind.Department], task.BlanketAssignment.UnitKinds);
    }

    [Fact]
    public void Translate_WhenAGrowthTargetIsBasedOnTheAbsoluteTarget_LinksItAndNotesThatTheBaselineIsLeftToFill()
    {
        var growth = new DraftTarget("同比增长20%以上", "实际利用外资同比增长", Comparator.AtLeast, 20, "%", Accumulation.Level, "2021", "whole", null, true, null, null, "一、", Span) { BasedOn = 0 };
        var draft = Draft() with { Targets = [Draft().Targets[0], growth] };
        var translated = DraftTranslator.Translate(draft, new Dictionary<string, ResponsibleUnit>(), []);
        var fdi = translated.Targets[0];
        var rate = translated.Targets[1];
        Assert.Equal(7000m, fdi.Value);
        Assert.Equal(fdi.Id, rate.BasedOnTargetId);
        Assert.True(rate.AwaitsBaseline);
        Assert.Null(rate.Baseline);
        Assert.Contains(translated.Notes, n => n.Contains("同比增长20%以上", StringComparison.Ordinal) && n.Contains("baseline", StringComparison.Ordinal));
    }

    [Fact]
    public void Translate_WhenAnEachStreetTargetIsCommitted_BindsTheStreetsAndNotTheDistricts()
    {
        var street = ResponsibleUnit.Register(Region, new UnitDetails("猴嘴街道", null, UnitKind.DistrictGovernment, []));
        var target = new DraftTarget("各街道年内开展不少于2次招商活动", "招商活动", Comparator.AtLeast, 2, "次", Accumulation.Count, "2021", "each", "各街道", false, null, null, "一、", Span);
        var translated = DraftTranslator.Translate(Draft() with { Targets = [target] }, new Dictionary<string, ResponsibleUnit>(), [Gangkou, street, Commerce]);
        Assert.Equal([street.Id], translated.Targets.Single().ScopeUnits.Select(s => s.UnitId));
    }
}
