using System.Text.Json.Nodes;
using PolicyApi.Infrastructure.Auditing;

namespace PolicyApi.Api.OpenApi;

/// <summary>
/// Targets, reports and supervision of the 防城港市 plan: 7000 万美元 split among 港口区, 防城区, 东兴市 and 上思县,
/// 同比增长20%以上, 不少于4次 per county, monthly reports and the figures on 30 June 2021 (序时进度 181/365).
/// </summary>
internal static partial class SeedExamples
{
    private static Dictionary<Type, object> Targets()
    {
        var counties = new[] { (GangkouId, "港口区", 3000m), (FangchengId, "防城区", 2000m), (DongxingId, "东兴市", 1500m), (ShangsiId, "上思县", 500m) };
        return new()
        {
            [typeof(SetTarget)] = new SetTarget
            {
                Indicator = Fdi,
                Text = "2021年全市实际利用外资工作目标7000万美元",
                UnitOfMeasure = "万美元",
                Comparator = Comparator.AtLeast,
                Value = 7000,
                Period = "2021",
                Accumulation = Accumulation.Cumulative,
                Milestones = [new MilestoneDto(new DateOnly(2021, 6, 30), 3500)],
            },
            [typeof(ReviseTarget)] = new ReviseTarget
            {
                Indicator = Growth,
                Text = "同比增长20%以上",
                UnitOfMeasure = "%",
                Comparator = Comparator.AtLeast,
                Value = 20,
                Period = "2021",
                Accumulation = Accumulation.Cumulative,
                Baseline = new BaselineInput(5800, "万美元", "2020"),
                BasedOnTargetId = FdiTargetId,
            },
            [typeof(BaselineInput)] = new BaselineInput(5800, "万美元", "2020"),
            [typeof(BaselineResponse)] = new BaselineResponse(5800, "万美元", "2020", new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31)),
            [typeof(MilestoneDto)] = new MilestoneDto(new DateOnly(2021, 6, 30), 3500),
            [typeof(TargetResponse)] = new TargetResponse(
                EventsTargetId, PlanId, PlanMeasureId, Events, "各县市区年内开展不少于4次外资专题招商活动", "次", Comparator.AtLeast, 4, "2021",
                new DateOnly(2021, 1, 1), new DateOnly(2021, 12, 31), TargetDirection.HigherIsBetter, Accumulation.Count, TargetScope.EachUnit, "各县市区",
                [GangkouId, FangchengId, DongxingId, ShangsiId], null, null, new ReportingCadenceDto(CadenceFrequency.Quarterly, 10), [], "次", Created, Created),
            [typeof(AllocationInput)] = new AllocationInput(GangkouId, 3000),
            [typeof(AllocateTarget)] = new AllocateTarget { Allocations = [.. counties.Select(c => new AllocationInput(c.Item1, c.Item3))] },
            [typeof(AllocationItem)] = new AllocationItem(GangkouId, "港口区", 3000),
            [typeof(AllocationsResponse)] = new AllocationsResponse(
                FdiTargetId, "万美元", 7000, 7000, 0, true,
                [.. counties.OrderBy(c => c.Item2, StringComparer.Ordinal).Select(c => new AllocationItem(c.Item1, c.Item2, c.Item3))]),
        };
    }

    private static Dictionary<Type, object> Reports()
    {
        var reporter = $"reporter-{DongxingId}";
        return new()
        {
            [typeof(FileReport)] = new FileReport
            {
                UnitId = DongxingId,
                TargetId = FdiTargetId,
                Period = "2021-M06",
                Value = 700,
                UnitOfMeasure = "万美元",
                Narrative = "上半年到位外资700万美元",
                SelfAssessment = SelfAssessment.Behind,
            },
            [typeof(EditReport)] = new EditReport
            {
                Value = 720,
                UnitOfMeasure = "万美元",
                Narrative = "上半年到位外资720万美元（含投资性公司投资）",
                NextSteps = "开展“深化港澳台、扩大RCEP、拓展欧洲”外资专题招商活动",
                SelfAssessment = SelfAssessment.Behind,
                EvidenceLinks = [],
            },
            [typeof(ReviewReport)] = new ReviewReport { Reason = ReturnReason },
            [typeof(CorrectReport)] = new CorrectReport
            {
                Value = 760,
                UnitOfMeasure = "万美元",
                Narrative = "上半年到位外资760万美元（含投资性公司投资）",
                SelfAssessment = SelfAssessment.Behind,
                EvidenceLinks = [],
                Reason = "6月漏报一个项目，更正为760万美元",
            },
            [typeof(ReviewCorrection)] = new ReviewCorrection { Reason = "未附到资凭证" },
            [typeof(ReportResponse)] = new ReportResponse(
                ReportId, DongxingId, "东兴市", null, FdiTargetId, "2021-M06", new DateOnly(2021, 6, 1), new DateOnly(2021, 6, 30), 720, "万美元",
                "上半年到位外资720万美元（含投资性公司投资）", null, "开展“深化港澳台、扩大RCEP、拓展欧洲”外资专题招商活动", SelfAssessment.Behind, [], null,
                ReportStatus.Accepted, false, null, 6, reporter, China(7, 1, 9), China(7, 4, 9), reporter, China(7, 6, 9), "supervisor", China(7, 1, 9), China(7, 6, 9)),
            [typeof(ReportRevisionResponse)] = new ReportRevisionResponse(
                3, ReportAction.Returned, ReportStatus.Returned, 700, "万美元", "上半年到位外资700万美元", null, null, SelfAssessment.Behind, [], null,
                ReturnReason, "supervisor", "supervisor", null, China(7, 3, 9)),
        };
    }

    private static Dictionary<Type, object> Supervision()
    {
        var asOf = new DateOnly(2021, 6, 30);
        var units = new[]
        {
            new UnitAttainment(GangkouId, "港口区", 3000, 1550, 1550, 1487.6712m, false, AttainmentStatus.OnTrack),
            new UnitAttainment(FangchengId, "防城区", 2000, 990, 990, 991.7808m, true, AttainmentStatus.Behind),
            new UnitAttainment(DongxingId, "东兴市", 1500, 720, 720, 743.8356m, true, AttainmentStatus.Behind),
            new UnitAttainment(ShangsiId, "上思县", 500, 130, 130, 247.9452m, true, AttainmentStatus.AtRisk),
        };

        // On 10 July, with June's reports accepted: 3390 of 7000 against 序时进度 at the close of June, 7000 × 181/365 =
        // 3471.2329 (to the day, 7000 × 191/365 = 3663.0137); at this pace 3390 × 365/181 = 6836.1878 → behind.
        var attainment = new AttainmentResponse(
            FdiTargetId, Fdi, "万美元", Comparator.AtLeast, 7000, "2021", new DateOnly(2021, 7, 10), 3390, 3390, 3471.2329m, asOf, 3663.0137m, 0.4959m, 0.4843m, 0.9766m, 6836.1878m,
            true, AttainmentStatus.Behind, null, units);
        var ranking = new RankingResponse(FdiTargetId, Fdi, "万美元", asOf, "2021-Q2",
        [
            new RankingItem(1, GangkouId, "港口区", 3000, 1550, 1487.6712m, 0.5167m, false, false, false),
            new RankingItem(2, FangchengId, "防城区", 2000, 990, 991.7808m, 0.495m, true, false, false),
            new RankingItem(3, DongxingId, "东兴市", 1500, 720, 743.8356m, 0.48m, true, false, false),
            new RankingItem(4, ShangsiId, "上思县", 500, 130, 247.9452m, 0.26m, true, true, true),
        ]);
        var subject = new ObligationSubject(PolicyApi.Infrastructure.Supervision.ObligationSubjectType.Target, FdiTargetId, null, Fdi);
        var reporting = new[]
        {
            new BulletinReportingRecord(GangkouId, "港口区", 4, 4, 4, 0, 0, 0),
            new BulletinReportingRecord(FangchengId, "防城区", 4, 4, 4, 0, 0, 0),
            new BulletinReportingRecord(DongxingId, "东兴市", 4, 4, 4, 0, 0, 0),
            new BulletinReportingRecord(ShangsiId, "上思县", 4, 2, 2, 1, 1, 0),
        };
        var rows = new[]
        {
            new TaskTableRow(2, "二、主要任务", "（二）", "强化利用外资政策支持", null, MeasureKind.Measure, [], [], ["市财政局", "市商务局", "市投资促进局"], Counties, null),
            new TaskTableRow(3, "三、保障措施", "（一）", "加强组织领导", null, MeasureKind.Measure, ["市商务局"], [], [], Counties, null),
        };
        return new()
        {
            [typeof(UnitAttainment)] = units[0],
            [typeof(AttainmentResponse)] = attainment,

            // 同比增长20%: the baseline 5800 pro-rated to 30 June is 2876.1644; the goal on the amount is 5800 × 1.2 = 6960.
            [typeof(GrowthFigures)] = new GrowthFigures(5800, "万美元", 2876.1644m, 3390, 6960, 3451.3973m),
            [typeof(RankingItem)] = ranking.Items[^1],
            [typeof(RankingResponse)] = ranking,
            [typeof(ObligationSubject)] = subject,
            [typeof(ObligationResponse)] = new ObligationResponse(
                ShangsiId, "上思县", PlanId, subject, "2021-M06", new DateOnly(2021, 6, 1), asOf, new DateOnly(2021, 7, 5), PolicyApi.Infrastructure.Supervision.ObligationState.Overdue, null, null, 5),
            [typeof(OwedReport)] = Owed(subject),
            [typeof(ReturnedReport)] = Returned(),
            [typeof(MyDutiesResponse)] = new MyDutiesResponse(ShangsiId, "上思县", asOf, [Owed(subject)], false, [Returned()]),
            [typeof(BulletinDocument)] = new BulletinDocument(PlanId, PlanTitle, null),
            [typeof(BulletinReportingRecord)] = reporting[^1],
            [typeof(BulletinResponse)] = new BulletinResponse(
                new BulletinDocument(PlanId, PlanTitle, null), "2021-Q2", new DateOnly(2021, 4, 1), asOf, new DateOnly(2021, 7, 10), [attainment], reporting, [ranking]),
            [typeof(TaskTableRow)] = rows[^1],
            [typeof(TaskTableResponse)] = new TaskTableResponse(PlanId, PlanTitle, null, rows),
        };
    }

    private static OwedReport Owed(ObligationSubject subject) =>
        new(subject, "2021-M06", new DateOnly(2021, 7, 5), PolicyApi.Infrastructure.Supervision.ObligationState.Overdue, 5, null);

    private static ReturnedReport Returned() => new(ReportId, "2021-M05", null, FdiTargetId, ReturnReason, China(6, 25, 9));

    private static Dictionary<Type, object> Audit()
    {
        const string previousHash = "5f0c2e7a94b1d3c8e6a0f2b4d6c8e0a2b4c6d8e0f2a4b6c8d0e2f4a6b8c0d2e4";
        const string hash = "9b3d5f7a1c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a6c8e0b2d4f6a8c0e2b4d";
        var report = new JsonObject
        {
            ["id"] = ReportId.ToString(),
            ["narrative"] = "上半年到位外资700万美元",
            ["periodCode"] = "2021-M06",
            ["returnReason"] = null,
            ["revision"] = 2,
            ["status"] = "Submitted",
            ["targetId"] = FdiTargetId.ToString(),
            ["unitId"] = DongxingId.ToString(),
            ["unitOfMeasure"] = "万美元",
            ["value"] = 700,
        };
        var returned = (JsonObject)report.DeepClone();
        returned["returnReason"] = ReturnReason;
        returned["revision"] = 3;
        returned["status"] = "Returned";
        var checkpoint = new AuditCheckpoint(1042, 1042, hash, China(7, 3, 9).AddMinutes(5), "k1", "3e1f4a6c8b0d2e4f6a8c0b2d4e6f8a0c2b4d6e8f0a2c4b6d8e0f2a4c6b8d0e2f");
        return new()
        {
            [typeof(AuditEntryResponse)] = new AuditEntryResponse(
                1042, China(7, 3, 9), "supervisor", "supervisor", null, null, "10.20.3.15", "4bf92f3577b34da6a3ce929d0e0e4736", "POST",
                $"/api/v1/progress-reports/{ReportId}/return", "ProgressReport", ReportId.ToString(), "updated", "succeeded", 200, report, returned, previousHash, hash),
            [typeof(AuditCheckpoint)] = checkpoint,
            [typeof(AuditVerification)] = new AuditVerification(true, 1042, null, null, checkpoint),
        };
    }

    /// <summary>Enumerations, each with the value the examples above use most.</summary>
    private static Dictionary<Type, object> Enums() => new()
    {
        [typeof(Accumulation)] = Accumulation.Cumulative,
        [typeof(AttainmentStatus)] = AttainmentStatus.Behind,
        [typeof(CadenceFrequency)] = CadenceFrequency.Monthly,
        [typeof(Comparator)] = Comparator.AtLeast,
        [typeof(DocumentKind)] = DocumentKind.WorkPlan,
        [typeof(DocumentStatus)] = DocumentStatus.Active,
        [typeof(MeasureKind)] = MeasureKind.Measure,
        [typeof(PolicyApi.Infrastructure.Supervision.ObligationState)] = PolicyApi.Infrastructure.Supervision.ObligationState.Overdue,
        [typeof(PolicyApi.Infrastructure.Supervision.ObligationSubjectType)] = PolicyApi.Infrastructure.Supervision.ObligationSubjectType.Target,
        [typeof(PolicyApi.Domain.Importing.ImportStatus)] = PolicyApi.Domain.Importing.ImportStatus.Draft,
        [typeof(ReportAction)] = ReportAction.Returned,
        [typeof(ReportStatus)] = ReportStatus.Submitted,
        [typeof(SelfAssessment)] = SelfAssessment.Behind,
        [typeof(TargetDirection)] = TargetDirection.HigherIsBetter,
        [typeof(TargetScope)] = TargetScope.EachUnit,
        [typeof(UnitKind)] = UnitKind.DistrictGovernment,
        [typeof(UnitRole)] = UnitRole.Lead,
    };
}
