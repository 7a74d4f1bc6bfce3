using PolicyApi.Infrastructure.ChangeFeed;

namespace PolicyApi.Api.OpenApi;

/// <summary>The change feed as a phone following the 防城港市 plan sees it: a measure updated, a report's draft deleted.</summary>
internal static partial class SeedExamples
{
    private static Dictionary<Type, object> Changes()
    {
        var measure = (MeasureResponse)Registry()[typeof(MeasureResponse)];
        var updated = new ChangeResponse(ChangedEntity.Measure, MeasureId, ChangeAction.Updated, 3, China(7, 2, 10), measure);
        var deleted = new ChangeResponse(ChangedEntity.ProgressReport, Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7e51"), ChangeAction.Deleted, null, China(7, 2, 11), null);
        return new()
        {
            [typeof(ChangeResponse)] = updated,
            [typeof(ChangesPage)] = new ChangesPage([updated, deleted], SyncToken.Of(1043), HasMore: false),
            [typeof(ChangedEntity)] = ChangedEntity.Measure,
            [typeof(ChangeAction)] = ChangeAction.Updated,
        };
    }

    private static Dictionary<Type, object> Evidence()
    {
        var file = new EvidenceResponse(
            Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7e61"), ReportId, "6月到资凭证.pdf", "application/pdf", 184_320,
            "9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c1b3d5f7e9a1c3b5d7f9e1a3c5b7d9f1e", "reporter-shangsi", China(7, 3, 9));
        return new()
        {
            [typeof(EvidenceResponse)] = file,
            [typeof(EvidenceList)] = new EvidenceList([file]),
        };
    }
}
