using PolicyApi.Domain.Common;
using PolicyApi.Domain.Reports;
using PolicyApi.Domain.Supervision;

namespace PolicyApi.Domain.UnitTests.Reports;

public sealed class ProgressReportTests
{
    private static readonly Actor Reporter = new("reporter-dongxing", "unitReporter", Guid.NewGuid());
    private static readonly Actor Supervisor = new("supervisor-1", "supervisor", null);
    private static readonly DateTimeOffset July1 = new(2021, 7, 1, 1, 0, 0, TimeSpan.Zero);

    private static ProgressReport Draft(decimal? value = 700) =>
        ProgressReport.Draft(Guid.NewGuid(), null, Guid.NewGuid(), ReportingPeriod.Month(2021, 6), new ReportContent(value, "万美元", "上半年到位外资700万美元", null, null, null, []), Reporter, July1);

    [Fact]
    public void Workflow_ReturnedThenResubmitted_KeepsEveryVersionWithWhoAndWhen()
    {
        var report = Draft();
        report.Submit(Reporter, July1.AddHours(1));
        report.Return("6月数据未含投资性公司投资", Supervisor, July1.AddDays(2));
        report.Edit(new ReportContent(720, "万美元", "含投资性公司投资", null, null, SelfAssessment.OnTrack, []), Reporter, July1.AddDays(2).AddHours(1));
        report.Submit(Reporter, July1.AddDays(3));
        report.Accept(Supervisor, July1.AddDays(5));

        Assert.Equal(ReportStatus.Accepted, report.Status);
        Assert.Equal(July1.AddHours(1), report.FirstSubmittedAt);
        Assert.Equal(
            [ReportAction.Created, ReportAction.Submitted, ReportAction.Returned, ReportAction.Edited, ReportAction.Submitted, ReportAction.Accepted],
            report.Revisions.Select(r => r.Action));
        Assert.Equal([700m, 700m, 700m, 720m, 720m, 720m], report.Revisions.Select(r => r.Value!.Value));
        Assert.Equal("supervisor-1", report.Revisions[2].ActorSubject);
        Assert.Equal("6月数据未含投资性公司投资", report.Revisions[2].ReturnReason);
        Assert.Null(report.ReturnReason);
    }

    [Fact]
    public void Submit_Twice_IsNotPossible()
    {
        var report = Draft();
        report.Submit(Reporter, July1);

        Assert.Equal("report-already-submitted", Assert.Throws<DomainRuleViolationException>(() => report.Submit(Reporter, July1)).Code);
    }

    [Fact]
    public void Accept_ADraft_IsNotPossible() =>
        Assert.Equal("report-not-submitted", Assert.Throws<DomainRuleViolationException>(() => Draft().Accept(Supervisor, July1)).Code);

    [Fact]
    public void Edit_AnAcceptedReport_IsNotPossibleAndChangesNothing()
    {
        var report = Draft();
        report.Submit(Reporter, July1);
        report.Accept(Supervisor, July1);

        Assert.Equal("report-accepted", Assert.Throws<DomainRuleViolationException>(() => report.Edit(new ReportContent(1, "万美元", "x", null, null, null, []), Reporter, July1)).Code);
        Assert.Equal(700m, report.Value);
        Assert.Equal(3, report.Revisions.Count);
    }

    [Fact]
    public void Return_WithoutAReason_IsNotPossible()
    {
        var report = Draft();
        report.Submit(Reporter, July1);

        Assert.Equal("reason", Assert.Throws<DomainValidationException>(() => report.Return(" ", Supervisor, July1)).Field);
        Assert.Equal(ReportStatus.Submitted, report.Status);
    }

    [Fact]
    public void Submit_WithNeitherValueNorNarrative_IsNotPossible()
    {
        var report = ProgressReport.Draft(Guid.NewGuid(), Guid.NewGuid(), null, ReportingPeriod.Week(2020, 53), new ReportContent(null, null, null, null, null, null, []), Reporter, July1);

        Assert.Throws<DomainValidationException>(() => report.Submit(Reporter, July1));
    }

    [Fact]
    public void Draft_WithAnEvidenceLinkThatIsNotHttp_IsNotPossible() =>
        Assert.Equal("evidenceLinks[0]", Assert.Throws<DomainValidationException>(() => ProgressReport.Draft(Guid.NewGuid(), Guid.NewGuid(), null, ReportingPeriod.OfYear(2021), new ReportContent(null, null, "x", null, null, null, ["javascript:alert(1)"]), Reporter, July1)).Field);
}
