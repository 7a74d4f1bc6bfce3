using PolicyApi.Domain.Common;
using PolicyApi.Domain.Documents;
using PolicyApi.Domain.Units;

namespace PolicyApi.Domain.UnitTests.Documents;

public sealed class PolicyDocumentTests
{
    private static PolicyDocument Lianyungang() => PolicyDocument.Create(new DocumentDetails(
        "市政府关于印发连云港市稳外资促发展若干措施的通知", "连政发〔2020〕62号", "连云港市人民政府", "连云港市",
        new DateOnly(2020, 7, 23), DocumentKind.Measures, null, null, [], DocumentStatus.Active));

    private static MeasureDetails Measure(string label, string title, Guid? chapterId = null, Guid? parentId = null, MeasureKind kind = MeasureKind.Measure) =>
        new(label, title, null, kind, chapterId, parentId, null, null);

    [Fact]
    public void Create_WhenThePeriodEndsBeforeItStarts_IsNotPossible()
    {
        var error = Assert.Throws<DomainValidationException>(() => PolicyDocument.Create(new DocumentDetails(
            "2021年防城港市扩大利用外资规模工作方案", null, null, "防城港市", null, DocumentKind.WorkPlan,
            new DateOnly(2021, 12, 31), new DateOnly(2021, 1, 1), [], DocumentStatus.Draft)));

        Assert.Equal("period.to", error.Field);
    }

    [Fact]
    public void AddMeasure_WithoutPosition_AppendsInDocumentOrder()
    {
        var document = Lianyungang();

        var first = document.AddMeasure(Measure("（一）", "建立领导推动机制"));
        var second = document.AddMeasure(Measure("（二）", "强化目标督导考核"));

        Assert.Equal([1, 2], new[] { first.Sequence, second.Sequence });
    }

    [Fact]
    public void AddMeasure_AtAPosition_ShiftsTheLaterMeasuresAndBumpsTheirVersions()
    {
        var document = Lianyungang();
        var first = document.AddMeasure(Measure("（一）", "建立领导推动机制"));
        var third = document.AddMeasure(Measure("（三）", "拓宽利用外资领域"));
        var thirdVersion = third.Version;

        var second = document.AddMeasure(Measure("（二）", "强化目标督导考核"), position: 2);

        Assert.Equal([1, 2, 3], new[] { first.Sequence, second.Sequence, third.Sequence });
        Assert.True(third.Version > thirdVersion);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void AddMeasure_AtAPositionOutsideTheDocument_IsNotPossible(int position)
    {
        var document = Lianyungang();
        document.AddMeasure(Measure("（一）", "建立领导推动机制"));
        document.AddMeasure(Measure("（二）", "强化目标督导考核"));

        Assert.Throws<DomainValidationException>(() => document.AddMeasure(Measure("（三）", "拓宽利用外资领域"), position));
    }

    [Fact]
    public void AddMeasure_UnderAParent_InheritsTheParentsChapter()
    {
        var document = Lianyungang();
        var chapter = document.AddChapter(new ChapterDetails("二、", "主要任务"));
        var heading = document.AddMeasure(Measure("（三）", "聚焦重点平台和重大项目引进外资", chapter.Id, kind: MeasureKind.Heading));

        var subItem = document.AddMeasure(Measure("一是", "实施重大投资项目外资优先机制", parentId: heading.Id, kind: MeasureKind.SubItem));

        Assert.Equal(chapter.Id, subItem.ChapterId);
        Assert.Equal(heading.Id, subItem.ParentId);
    }

    [Fact]
    public void AddMeasure_UnderAParentInAnotherChapterThanTheOneGiven_IsNotPossible()
    {
        var document = Lianyungang();
        var one = document.AddChapter(new ChapterDetails("一、", "工作目标"));
        var two = document.AddChapter(new ChapterDetails("二、", "主要任务"));
        var heading = document.AddMeasure(Measure("（三）", "聚焦重点平台和重大项目引进外资", two.Id));

        var error = Assert.Throws<DomainValidationException>(() => document.AddMeasure(Measure("一是", "实施重大投资项目外资优先机制", one.Id, heading.Id)));

        Assert.Equal("chapterId", error.Field);
    }

    [Fact]
    public void ReviseMeasure_UnderItsOwnSubItem_IsNotPossible()
    {
        var document = Lianyungang();
        var heading = document.AddMeasure(Measure("（三）", "聚焦重点平台和重大项目引进外资"));
        var subItem = document.AddMeasure(Measure("一是", "实施重大投资项目外资优先机制", parentId: heading.Id));

        var error = Assert.Throws<DomainValidationException>(() => document.ReviseMeasure(heading.Id, Measure("（三）", "聚焦重点平台和重大项目引进外资", parentId: subItem.Id)));

        Assert.Equal("parentId", error.Field);
        Assert.Null(heading.ParentId);
    }

    [Fact]
    public void RemoveMeasure_WhenItHasSubItems_IsNotPossible()
    {
        var document = Lianyungang();
        var heading = document.AddMeasure(Measure("（三）", "聚焦重点平台和重大项目引进外资"));
        document.AddMeasure(Measure("一是", "实施重大投资项目外资优先机制", parentId: heading.Id));

        var error = Assert.Throws<DomainRuleViolationException>(() => document.RemoveMeasure(heading.Id));

        Assert.Equal("measure-has-sub-items", error.Code);
    }

    [Fact]
    public void RemoveMeasure_RenumbersTheRest()
    {
        var document = Lianyungang();
        var first = document.AddMeasure(Measure("（一）", "建立领导推动机制"));
        var second = document.AddMeasure(Measure("（二）", "强化目标督导考核"));
        var third = document.AddMeasure(Measure("（三）", "拓宽利用外资领域"));

        document.RemoveMeasure(second.Id);

        Assert.Equal([1, 2], new[] { first.Sequence, third.Sequence });
    }

    [Fact]
    public void RemoveChapter_WhileItHoldsMeasures_IsNotPossible()
    {
        var document = Lianyungang();
        var chapter = document.AddChapter(new ChapterDetails("一、", "加强对稳外资工作领导"));
        document.AddMeasure(Measure("（一）", "建立领导推动机制", chapter.Id));

        var error = Assert.Throws<DomainRuleViolationException>(() => document.RemoveChapter(chapter.Id));

        Assert.Equal("chapter-not-empty", error.Code);
    }

    [Fact]
    public void EnsureCanBeDeleted_WhenMeasuresAreAttached_IsNotPossible()
    {
        var document = Lianyungang();
        document.AddMeasure(Measure("（一）", "建立领导推动机制"));

        Assert.Equal("document-not-empty", Assert.Throws<DomainRuleViolationException>(document.EnsureCanBeDeleted).Code);
    }

    [Fact]
    public void AssignUnit_TwiceTheSameUnit_IsNotPossible()
    {
        var document = Lianyungang();
        var measure = document.AddMeasure(Measure("（一）", "建立领导推动机制"));
        var commerce = ResponsibleUnit.Register("连云港市", new UnitDetails("市商务局", null, UnitKind.Department, []));
        document.AssignUnit(measure.Id, commerce, UnitRole.Lead);

        var error = Assert.Throws<DomainRuleViolationException>(() => document.AssignUnit(measure.Id, commerce, UnitRole.Cooperating));

        Assert.Equal("unit-already-assigned", error.Code);
        Assert.Single(measure.Assignments);
    }

    [Fact]
    public void AssignUnit_OfAnotherRegion_IsNotPossible()
    {
        var document = Lianyungang();
        var measure = document.AddMeasure(Measure("（一）", "建立领导推动机制"));
        var dalianCommerce = ResponsibleUnit.Register("大连市", new UnitDetails("市商务局", null, UnitKind.Department, []));

        Assert.Equal("unit-of-another-region", Assert.Throws<DomainRuleViolationException>(() => document.AssignUnit(measure.Id, dalianCommerce, UnitRole.Lead)).Code);
    }

    [Fact]
    public void AssignUnit_KeepsTheOrderTheDocumentListsThemIn()
    {
        var document = Lianyungang();
        var measure = document.AddMeasure(Measure("二是", "引导外资向重点开放型园区集聚"));
        var counties = ResponsibleUnit.Register("连云港市", new UnitDetails("各县区政府", null, UnitKind.DistrictGovernment, []));
        var commerce = ResponsibleUnit.Register("连云港市", new UnitDetails("市商务局", null, UnitKind.Department, []));

        document.AssignUnit(measure.Id, counties, UnitRole.Lead);
        document.AssignUnit(measure.Id, commerce, UnitRole.Cooperating);

        Assert.Equal([(counties.Id, UnitRole.Lead, 1), (commerce.Id, UnitRole.Cooperating, 2)], measure.Assignments.Select(a => (a.UnitId, a.Role, a.Sequence)));
    }

    [Fact]
    public void Revise_TheRegionWhileUnitsAreAssigned_IsNotPossible()
    {
        var document = Lianyungang();
        var measure = document.AddMeasure(Measure("（一）", "建立领导推动机制"));
        document.AssignUnit(measure.Id, ResponsibleUnit.Register("连云港市", new UnitDetails("市商务局", null, UnitKind.Department, [])), UnitRole.Lead);

        var error = Assert.Throws<DomainRuleViolationException>(() => document.Revise(new DocumentDetails(
            document.Title, document.DocNumber, document.Issuer, "大连市", document.IssuedOn, document.Kind, null, null, [], document.Status)));

        Assert.Equal("document-region-locked", error.Code);
    }

    [Fact]
    public void BlanketAssignment_CoversOnlyTheKindsItNames()
    {
        var blanket = new BlanketAssignment("各县区、功能板块", [UnitKind.FunctionalZone, UnitKind.DistrictGovernment, UnitKind.DistrictGovernment]);

        Assert.True(blanket.Covers(UnitKind.DistrictGovernment));
        Assert.False(blanket.Covers(UnitKind.Department));
        Assert.Equal([UnitKind.DistrictGovernment, UnitKind.FunctionalZone], blanket.UnitKinds);
        Assert.Throws<DomainValidationException>(() => new BlanketAssignment("各县区", []));
    }

    [Fact]
    public void Measure_WithABlanketAssignment_ReturnsItAsGiven()
    {
        var document = Lianyungang();
        var blanket = new BlanketAssignment("各县区、功能板块", [UnitKind.DistrictGovernment, UnitKind.FunctionalZone]);

        var measure = document.AddMeasure(new MeasureDetails("（二）", "强化目标督导考核", null, MeasureKind.Measure, null, null, null, blanket));

        Assert.Equal(blanket, measure.BlanketAssignment);
    }
}
