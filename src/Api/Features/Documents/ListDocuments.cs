namespace PolicyApi.Api.Features.Documents;

/// <summary>Documents in the order they were registered, filtered.</summary>
/// <param name="Region">Exact region, e.g. 连云港市.</param>
/// <param name="Issuer">Exact issuer, e.g. 连云港市人民政府.</param>
/// <param name="Year">Issued in this year; for documents without an issue date, whose period covers it.</param>
/// <param name="Q">Words that the title contains, e.g. 稳外资.</param>
/// <param name="Kind">Kind of document: measures, implementationOpinions, workPlan, constructionPlan or other.</param>
/// <param name="Status">Status of the document: draft, active or archived.</param>
public sealed record ListDocuments(string? Region, string? Issuer, int? Year, string? Q, [OneOf<DocumentKind>] string? Kind, [OneOf<DocumentStatus>] string? Status)
    : ResourceListQuery<DocumentResponse>;

public sealed class ListDocumentsHandler(PolicyDbContext db) : MediatR.IRequestHandler<ListDocuments, Page<DocumentResponse>>
{
    public async Task<Page<DocumentResponse>> Handle(ListDocuments request, CancellationToken cancellationToken)
    {
        var page = IdPage.Of(request);
        if (request.Year is < 1900 or > 2200)
        {
            throw new InvalidInputException("year", "'year' must be between 1900 and 2200.");
        }

        var query = db.Documents.AsNoTracking().ChangedSince(request.UpdatedSince)
            .WhereGiven(request.Region, region => d => d.Region == region)
            .WhereGiven(request.Issuer, issuer => d => d.Issuer == issuer)
            .WhereGiven(request.Year, year => InYear(year))
            .WhereGiven(request.Q, q => d => EF.Functions.ILike(d.Title, $"%{LikePattern.Escape(q.Trim())}%", "\\"))
            .WhereGiven(QueryValues.ParseEnum<DocumentKind>(request.Kind, "kind"), kind => d => d.Kind == kind)
            .WhereGiven(QueryValues.ParseEnum<DocumentStatus>(request.Status, "status"), status => d => d.Status == status);

        return await page.ReadWithAsync(query, DocumentResponse.Parts, DocumentResponse.From, cancellationToken);
    }

    /// <summary>Issued in the year; a document without an issue date, when its period covers part of the year.</summary>
    private static System.Linq.Expressions.Expression<Func<PolicyDocument, bool>> InYear(int year)
    {
        var (start, end) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        return d => (d.IssuedOn != null && d.IssuedOn >= start && d.IssuedOn <= end)
            || (d.IssuedOn == null && d.PeriodFrom != null && d.PeriodFrom <= end && (d.PeriodTo ?? d.PeriodFrom) >= start);
    }
}

internal static class ListDocumentsEndpoint
{
    public static void Map(IEndpointRouteBuilder documents) =>
        documents.MapList<ListDocuments, DocumentResponse>("/")
            .Describe("ListDocuments", "List policy documents", "Filter by region, issuer, year (issue date, or period for undated documents), kind, status and words in the title. Cursor-paged in registration order.")
            .WithProblems(400);
}
