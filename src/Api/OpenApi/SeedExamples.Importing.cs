namespace PolicyApi.Api.OpenApi;

/// <summary>The importer's examples: an excerpt of the 防城港市 work plan as text, its draft and its commit.</summary>
internal static partial class SeedExamples
{
    private static Dictionary<Type, object> Importing()
    {
        var imported = new DateTimeOffset(2026, 11, 2, 8, 30, 0, TimeSpan.Zero);
        var lead = Draft.Measures[^1];
        return new()
        {
            [typeof(CreateImport)] = new CreateImport { Text = FangchenggangExcerpt, Region = "防城港市" },
            [typeof(ImportDraft)] = Draft,
            [typeof(DraftChapter)] = Draft.Chapters[0],
            [typeof(DraftMeasure)] = lead,
            [typeof(DraftUnit)] = lead.ResponsibleUnits[0],
            [typeof(DraftTarget)] = Draft.Targets[0],
            [typeof(SourceSpan)] = Draft.Targets[0].Span,

            // As the parser reads the full 防城港市 plan (三、（四）) and the 连云港经济技术开发区 task table (附件2, row 1).
            [typeof(DraftCadence)] = new DraftCadence("月通报", "monthly", "notification", "（四）", 19, "三、", "由市商务局每月通报实际利用外资完成情况", new SourceSpan(3283, 3, 38)),
            [typeof(DraftReportingCadence)] = new DraftReportingCadence("monthly", 0, "月通报"),
            [typeof(DraftTask)] = new DraftTask(
                1, "全面做好自贸区试验区改革试点经验复制推广工作", false, null, "除国家有明确实施界限的政策措施外，积极推广各自贸试验区相关改革试点经验和最佳实践案例。",
                [new DraftUnit("区自贸办", UnitRole.Responsible)], "1.", 6, new SourceSpan(5267, 73, 112)),

            [typeof(UnitSuggestion)] = new UnitSuggestion(PlanReformId, "市发展改革委", 0.75),
            [typeof(UnitResolution)] = new UnitResolution("商务局", 2, "inferred", PlanCommerceId, "市商务局", []),
            [typeof(ImportResponse)] = new ImportResponse(
                ImportId, ImportStatus.Draft, "防城港市", imported, imported.AddDays(7), null, null, Draft,
                [
                    new UnitResolution("市发展改革委", 1, "name", PlanReformId, "市发展改革委", []),
                    new UnitResolution("商务局", 2, "inferred", PlanCommerceId, "市商务局", []),
                    new UnitResolution("财政局", 1, "inferred", FinanceId, "市财政局", []),
                    new UnitResolution("市场监管局", 1, "none", null, null, []),
                    new UnitResolution("税务局", 1, "none", null, null, []),
                    new UnitResolution(Counties, 3, "collective", null, null, []),
                    new UnitResolution("市财政局", 1, "name", FinanceId, "市财政局", []),
                    new UnitResolution("投资促进局", 1, "inferred", InvestmentPromotionId, "市投资促进局", []),
                    new UnitResolution("市商务局", 1, "name", PlanCommerceId, "市商务局", []),
                ]),
            [typeof(UnitMapping)] = new UnitMapping("商务局", PlanCommerceId),
            [typeof(UnitToCreate)] = new UnitToCreate("市场监管局", UnitKind.Department),
            [typeof(CommitImport)] = new CommitImport
            {
                UnitMappings = [new UnitMapping("商务局", PlanCommerceId)],
                CreateUnits = [new UnitToCreate("市场监管局", UnitKind.Department), new UnitToCreate("税务局", UnitKind.VerticalAgency)],
            },
            [typeof(ReviseImportDraft)] = new ReviseImportDraft { Draft = Draft },
            [typeof(CreatedUnit)] = new CreatedUnit(MarketRegulationId, "市场监管局", UnitKind.Department),
            [typeof(CommitResponse)] = new CommitResponse(
                ImportId, PlanId, PlanTitle, 3, 3, 0, 9, 3, 2,
                [new CreatedUnit(MarketRegulationId, "市场监管局", UnitKind.Department), new CreatedUnit(TaxationId, "税务局", UnitKind.VerticalAgency)],
                [
                    "Registered 2 new unit(s) in 防城港市: 市场监管局、税务局.",
                    $"Target '同比增长20%以上' is a growth rate linked to '2021年全市实际利用外资工作目标7000万美元' (basedOnTargetId {FdiTargetId}); " +
                    "the text gives no baseline (the previous year's value): set its baseline to track growth.",
                ]),
        };
    }
}
