namespace PolicyApi.Api.OpenApi;

/// <summary>The registry's examples: 连政发〔2020〕62号, its chapters, measures and units.</summary>
internal static partial class SeedExamples
{
    private static Dictionary<Type, object> Registry()
    {
        var cadence = new ReportingCadenceDto(CadenceFrequency.Monthly, 5);
        var blanket = new BlanketAssignmentDto("各县区、功能板块", [UnitKind.DistrictGovernment, UnitKind.FunctionalZone]);
        return new()
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
                ReportingCadence = cadence,
            },
            [typeof(UpdateDocument)] = new UpdateDocument
            {
                Title = PlanTitle,
                Region = "防城港市",
                Kind = DocumentKind.WorkPlan,
                Period = new DatePeriod(new DateOnly(2021, 1, 1), new DateOnly(2021, 12, 31)),
                BasisDocuments = [],
                Status = DocumentStatus.Active,
                ReportingCadence = cadence,
            },
            [typeof(DatePeriod)] = new DatePeriod(new DateOnly(2021, 1, 1), new DateOnly(2021, 12, 31)),
            [typeof(ReportingCadenceDto)] = cadence,
            [typeof(DocumentResponse)] = new DocumentResponse(
                DocumentId, Title, "连政发〔2020〕62号", "连云港市人民政府", "连云港市", new DateOnly(2020, 7, 23), DocumentKind.Measures,
                null, [Basis], DocumentStatus.Active, cadence, 6, 26, Created, Created),
            [typeof(CreateChapter)] = new CreateChapter { Label = "二、", Title = "贯彻落实对外开放政策" },
            [typeof(UpdateChapter)] = new UpdateChapter { Label = "二、", Title = "贯彻落实对外开放政策", Sequence = 2 },
            [typeof(ChapterResponse)] = new ChapterResponse(ChapterId, DocumentId, "二、", "贯彻落实对外开放政策", 2, 2, Created, Created),
            [typeof(CreateMeasure)] = Measure<CreateMeasure>() with { BlanketAssignment = blanket },
            [typeof(UpdateMeasure)] = Measure<UpdateMeasure>(),
            [typeof(BlanketAssignmentDto)] = blanket,
            [typeof(ResponsibleUnitRef)] = new ResponsibleUnitRef(AssignmentId, CommerceId, "市商务局", UnitRole.Responsible),
            [typeof(UnitInvolvement)] = new UnitInvolvement(CommerceId, UnitRole.Responsible, ViaBlanketAssignment: false),
            [typeof(MeasureResponse)] = new MeasureResponse(
                MeasureId, DocumentId, ChapterId, null, "（三）", 3, "拓宽利用外资领域", MeasureBody, MeasureKind.Measure, null, null, null, blanket,
                [new ResponsibleUnitRef(AssignmentId, CommerceId, "市商务局", UnitRole.Responsible), new ResponsibleUnitRef(SecondAssignmentId, ReformId, "市发展和改革委员会", UnitRole.Responsible)],
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
        };
    }

    /// <summary>The measure （三） as its editors write it: a create and a replace send the same fields.</summary>
    private static T Measure<T>()
        where T : MeasureFields, new() => new()
        {
            Label = "（三）",
            Title = "拓宽利用外资领域",
            Body = MeasureBody,
            Kind = MeasureKind.Measure,
            ChapterId = ChapterId,
        };

    private static Dictionary<Type, object> Problems() => new()
    {
        [typeof(HttpValidationProblemDetails)] = new Dictionary<string, object>
        {
            ["type"] = ProblemTypes.ValidationFailed,
            ["title"] = "One or more fields are invalid",
            ["status"] = 400,
            ["detail"] = "See errors for the offending fields.",
            ["instance"] = "/api/v1/documents/0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d10/targets",
            ["traceId"] = "4bf92f3577b34da6a3ce929d0e0e4736",
            ["errors"] = new Dictionary<string, string[]> { ["comparator"] = ["The value is not one of: >=, <=, =."] },
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
