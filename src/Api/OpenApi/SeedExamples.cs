namespace PolicyApi.Api.OpenApi;

/// <summary>
/// Examples shown in Swagger UI for every schema, taken from the seed documents: 连政发〔2020〕62号 and its units for
/// the registry, the 2021 work plan of 防城港市 (7000 万美元, 同比增长20%以上, 月通报、季约谈) for targets, reports and
/// supervision, with the figures of its 30 June worked out by hand in FangchenggangScenarioTests.
/// </summary>
/// <remarks>
/// The ids and texts are static fields of this file, declared before <see cref="ByType"/>; the other parts of the
/// class hold only methods, so that every field is set before the examples are built from it.
/// </remarks>
internal static partial class SeedExamples
{
    // 连云港市: 连政发〔2020〕62号.
    private static readonly Guid DocumentId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d01");
    private static readonly Guid ChapterId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d02");
    private static readonly Guid MeasureId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d03");
    private static readonly Guid CommerceId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d04");
    private static readonly Guid ReformId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d05");
    private static readonly Guid AssignmentId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d06");
    private static readonly Guid SecondAssignmentId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d07");
    private static readonly DateTimeOffset Created = new(2026, 11, 2, 8, 30, 0, TimeSpan.Zero);

    // 防城港市: 2021年防城港市扩大利用外资规模工作方案, its targets, counties and reports.
    private static readonly Guid PlanId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d10");
    private static readonly Guid FdiTargetId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d11");
    private static readonly Guid GrowthTargetId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d12");
    private static readonly Guid EventsTargetId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d13");
    private static readonly Guid GangkouId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d14");
    private static readonly Guid FangchengId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d15");
    private static readonly Guid DongxingId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d16");
    private static readonly Guid ShangsiId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d17");
    private static readonly Guid PlanCommerceId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d18");
    private static readonly Guid ReportId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d19");
    private static readonly Guid ImportId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d1a");
    private static readonly Guid PlanMeasureId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d1b");
    private static readonly Guid MarketRegulationId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d1c");
    private static readonly Guid PlanReformId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d1d");
    private static readonly Guid InvestmentPromotionId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d1e");
    private static readonly Guid TaxationId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d1f");
    private static readonly Guid FinanceId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d20");

    private const string Title = "市政府关于印发连云港市稳外资促发展若干措施的通知";
    private const string Basis = "《国务院关于进一步做好利用外资工作的意见》（国发〔2019〕23号）";
    private const string MeasureBody = "拓宽利用外资领域。落实准入前国民待遇加负面清单管理制度，负面清单之外的领域，按照内外资一致原则实施管理。";

    private const string PlanTitle = "2021年防城港市扩大利用外资规模工作方案";
    private const string Fdi = "实际利用外资（含投资性公司投资）";
    private const string Growth = "实际利用外资同比增长";
    private const string Events = "外资专题招商活动";
    private const string ReturnReason = "6月数据未含投资性公司投资，请核实后重报";
    private const string Counties = "各县（市、区）人民政府";

    /// <summary>An excerpt of the Fangchenggang 2021 work plan (seed document), its lines as written, as text to import.</summary>
    private const string FangchenggangExcerpt = """
        2021年防城港市扩大利用外资规模工作方案
        一、工作目标
        2021年全市实际利用外资工作目标7000万美元（含投资性公司投资，下同），同比增长20%以上。
        二、主要任务
        （一）全面落实外商投资法及其实施条例
        落实外商投资准入前国民待遇，严格落实“非禁即入”。〔市发展改革委、商务局、财政局、市场监管局、税务局，各县（市、区）人民政府分别按职责分工推进〕
        （二）强化利用外资政策支持
        加大对外资招商引资奖励政策的支持力度，对符合条件的利用外资奖励项目（企业），及时兑现奖励承诺。〔市财政局、商务局、投资促进局，各县（市、区）人民政府分别按职责分工推进〕
        三、保障措施
        （一）加强组织领导。市区层面由主要领导领衔，相关单位为成员，统筹推进全市扩大利用外资工作。市商务局负责统筹协调、督促指导和总结。各县（市、区）要实施利用外资“一把手负责制”，由主要领导亲自挂帅，统筹各部门资源，积极推动外资大项目落地和进资。〔市商务局牵头，各县（市、区）人民政府配合〕
        """;

    /// <summary>The excerpt as the importer reads it: the draft and its parts are the parser's own output.</summary>
    private static readonly Domain.Importing.ImportDraft Draft = Domain.Importing.PolicyTextParser.Parse(FangchenggangExcerpt, "防城港市");

    /// <summary>A nextCursor as the document list issues it (for pages of every list).</summary>
    private static readonly string Cursor = Paging.Encode(new ListDocuments("连云港市", null, null, null, null, null) { Limit = 20 }, new { Id = DocumentId });

    /// <summary>Each schema's example, by the type it describes.</summary>
    public static readonly IReadOnlyDictionary<Type, object> ByType = new[] { Registry(), Importing(), Targets(), Reports(), Supervision(), Audit(), Changes(), Evidence(), Webhooks(), Problems(), Enums() }
        .SelectMany(part => part)
        .ToDictionary(e => e.Key, e => e.Value);

    /// <summary>The tables that the JSON examples of table endpoints download as (CSV, XLSX).</summary>
    public static readonly IReadOnlyDictionary<Type, IReadOnlyList<ExportSheet>> Tables = new Dictionary<Type, IReadOnlyList<ExportSheet>>
    {
        [typeof(BulletinResponse)] = BulletinSheets.Of((BulletinResponse)ByType[typeof(BulletinResponse)]),
        [typeof(TaskTableResponse)] = TaskTableSheets.Of((TaskTableResponse)ByType[typeof(TaskTableResponse)]),
    };

    /// <summary>A page of a list holding the example item, with a nextCursor; null when <paramref name="pageType"/> is not a page of an example.</summary>
    public static object? PageOf(Type pageType)
    {
        ArgumentNullException.ThrowIfNull(pageType);
        if (!pageType.IsGenericType || pageType.GetGenericTypeDefinition() != typeof(Page<>)
            || !ByType.TryGetValue(pageType.GetGenericArguments()[0], out var item))
        {
            return null;
        }

        var items = Array.CreateInstance(pageType.GetGenericArguments()[0], 1);
        items.SetValue(item, 0);
        return Activator.CreateInstance(pageType, items, Cursor);
    }

    /// <summary>The CSV text an endpoint's example table downloads as (without the byte-order mark it is sent with).</summary>
    public static string? CsvOf(Type responseType) =>
        Tables.TryGetValue(responseType, out var sheets) ? System.Text.Encoding.UTF8.GetString(TabularExport.Csv(sheets)).TrimStart('\uFEFF') : null;

    private static DateTimeOffset China(int month, int day, int hour) => new(2021, month, day, hour, 0, 0, TimeSpan.FromHours(8));
}
