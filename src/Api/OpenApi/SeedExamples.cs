using PolicyApi.Api.Features.Assignments;
using PolicyApi.Api.Features.Chapters;
using PolicyApi.Api.Features.Documents;
using PolicyApi.Api.Features.Importing;
using PolicyApi.Api.Features.Measures;
using PolicyApi.Api.Features.Units;
using PolicyApi.Api.Http;
using PolicyApi.Domain.Documents;
using PolicyApi.Domain.Units;

namespace PolicyApi.Api.OpenApi;

/// <summary>Examples shown in Swagger UI, taken from the seed documents (连政发〔2020〕62号 and its units).</summary>
internal static class SeedExamples
{
    private static readonly Guid DocumentId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d01");
    private static readonly Guid ChapterId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d02");
    private static readonly Guid MeasureId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d03");
    private static readonly Guid CommerceId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d04");
    private static readonly Guid ReformId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d05");
    private static readonly Guid AssignmentId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d06");
    private static readonly DateTimeOffset Created = new(2026, 11, 2, 8, 30, 0, TimeSpan.Zero);

    /// <summary>An excerpt of the Fangchenggang 2021 work plan (seed document), as text to import.</summary>
    private const string FangchenggangExcerpt = """
        2021年防城港市扩大利用外资规模工作方案
        一、工作目标
        2021年全市实际利用外资工作目标7000万美元（含投资性公司投资，下同），同比增长20%以上。
        二、主要任务
        （一）全面落实外商投资法及其实施条例
        落实外商投资准入前国民待遇，严格落实“非禁即入”。〔市发展改革委、商务局、财政局、市场监管局、税务局，各县（市、区）人民政府分别按职责分工推进〕
        （七）完善和优化外资服务体系。健全外资重大项目服务机制。对实际利用外资额1500万美元以上的重大项目实行市领导“一对一”跟踪服务机制。〔市商务局、发展改革委牵头，各县（市、区）人民政府配合〕
        """;

    private const string Title = "市政府关于印发连云港市稳外资促发展若干措施的通知";
    private const string Basis = "《国务院关于进一步做好利用外资工作的意见》（国发〔2019〕23号）";
    private const string MeasureBody = "拓宽利用外资领域。落实准入前国民待遇加负面清单管理制度，负面清单之外的领域，按照内外资一致原则实施管理。";

    public static readonly IReadOnlyDictionary<Type, object> ByType = new Dictionary<Type, object>
    {
        [typeof(CreateDocument)] = new CreateDocument
        {
            Title = Title,
            DocNumber = "连政发〔2020〕62号",
            Issuer = "连云港市人民政府",
            Region = "连云港市",
            IssuedOn = new DateOnly(2020, 7, 23),
            Kind = DocumentKind.Measures,
            BasisDocuments = [Basis],
            Status = DocumentStatus.Active,
            ReportingCadence = new Features.Supervision.ReportingCadenceDto(Domain.Supervision.CadenceFrequency.Monthly, 5),
        },
        [typeof(UpdateDocument)] = new UpdateDocument
        {
            Title = "2021年防城港市扩大利用外资规模工作方案",
            Region = "防城港市",
            Kind = DocumentKind.WorkPlan,
            Period = new DatePeriod(new DateOnly(2021, 1, 1), new DateOnly(2021, 12, 31)),
            BasisDocuments = [],
            Status = DocumentStatus.Active,
        },
        [typeof(DocumentResponse)] = new DocumentResponse(
            DocumentId, Title, "连政发〔2020〕62号", "连云港市人民政府", "连云港市", new DateOnly(2020, 7, 23), DocumentKind.Measures,
            null, [Basis], DocumentStatus.Active, new Features.Supervision.ReportingCadenceDto(Domain.Supervision.CadenceFrequency.Monthly, 5), 6, 26, Created, Created),
        [typeof(CreateChapter)] = new CreateChapter { Label = "二、", Title = "贯彻落实对外开放政策" },
        [typeof(UpdateChapter)] = new UpdateChapter { Label = "二、", Title = "贯彻落实对外开放政策", Sequence = 2 },
        [typeof(ChapterResponse)] = new ChapterResponse(ChapterId, DocumentId, "二、", "贯彻落实对外开放政策", 2, 2, Created, Created),
        [typeof(CreateMeasure)] = new CreateMeasure
        {
            Label = "（三）",
            Title = "拓宽利用外资领域",
            Body = MeasureBody,
            Kind = MeasureKind.Measure,
            ChapterId = ChapterId,
            BlanketAssignment = new BlanketAssignmentDto("各县区、功能板块", [UnitKind.DistrictGovernment, UnitKind.FunctionalZone]),
        },
        [typeof(UpdateMeasure)] = new UpdateMeasure
        {
            Label = "（三）",
            Title = "拓宽利用外资领域",
            Body = MeasureBody,
            Kind = MeasureKind.Measure,
            ChapterId = ChapterId,
        },
        [typeof(MeasureResponse)] = new MeasureResponse(
            MeasureId, DocumentId, ChapterId, null, "（三）", 3, "拓宽利用外资领域", MeasureBody, MeasureKind.Measure, null,
            new BlanketAssignmentDto("各县区、功能板块", [UnitKind.DistrictGovernment, UnitKind.FunctionalZone]),
            [new ResponsibleUnitRef(AssignmentId, CommerceId, "市商务局", UnitRole.Responsible), new ResponsibleUnitRef(Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d07"), ReformId, "市发展和改革委员会", UnitRole.Responsible)],
            null, Created, Created),
        [typeof(RegisterUnit)] = new RegisterUnit
        {
            Region = "连云港市",
            Name = "市发展和改革委员会",
            ShortName = "市发改委",
            Aliases = ["市发展改革委"],
            Kind = UnitKind.Department,
        },
        [typeof(UpdateUnit)] = new UpdateUnit
        {
            Name = "市发展和改革委员会",
            ShortName = "市发改委",
            Aliases = ["市发展改革委", "发展改革委"],
            Kind = UnitKind.Department,
        },
        [typeof(UnitResponse)] = new UnitResponse(ReformId, "连云港市", "市发展和改革委员会", "市发改委", ["市发展改革委"], UnitKind.Department, null, Created, Created),
        [typeof(AssignUnit)] = new AssignUnit { UnitId = CommerceId, Role = UnitRole.Lead },
        [typeof(ChangeAssignmentRole)] = new ChangeAssignmentRole { Role = UnitRole.Cooperating },
        [typeof(AssignmentResponse)] = new AssignmentResponse(AssignmentId, MeasureId, CommerceId, "市商务局", UnitRole.Lead, 1, Created, Created),
        [typeof(CreateImport)] = new CreateImport { Text = FangchenggangExcerpt, Region = "防城港市" },
        [typeof(Domain.Importing.ImportDraft)] = Domain.Importing.PolicyTextParser.Parse(FangchenggangExcerpt, "防城港市"),
        [typeof(CommitImport)] = new CommitImport
        {
            UnitMappings = [new UnitMapping("发展改革委", ReformId)],
            CreateUnits = [new UnitToCreate("市场监管局", UnitKind.Department)],
            CreateMissingUnits = true,
        },
        [typeof(Microsoft.AspNetCore.Http.HttpValidationProblemDetails)] = new Dictionary<string, object>
        {
            ["type"] = ProblemTypes.ValidationFailed,
            ["title"] = "One or more fields are invalid",
            ["status"] = 400,
            ["detail"] = "See errors for the offending fields.",
            ["instance"] = "/api/v1/documents",
            ["traceId"] = "4bf92f3577b34da6a3ce929d0e0e4736",
            ["errors"] = new Dictionary<string, string[]> { ["issuedOn"] = ["The value is not a valid date in the form YYYY-MM-DD."] },
        },
        [typeof(Microsoft.AspNetCore.Mvc.ProblemDetails)] = new Dictionary<string, object>
        {
            ["type"] = ProblemTypes.ForRule("duplicate-doc-number"),
            ["title"] = "Conflict with the current state",
            ["status"] = 409,
            ["detail"] = "文号 连政发〔2020〕62号 is already used by document 0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d01 (市政府关于印发连云港市稳外资促发展若干措施的通知).",
            ["instance"] = "/api/v1/documents",
            ["traceId"] = "4bf92f3577b34da6a3ce929d0e0e4736",
        },
    };
}
