namespace PolicyApi.Api.Features.Documents;

/// <summary>The document that already holds a 文号.</summary>
public sealed record DocumentHolder(Guid Id, string Title);

/// <summary>Which document holds a 文号: a 文号 names one document (bracket and spacing variants count as the same).</summary>
public sealed class DocumentNumbers(PolicyDbContext db)
{
    /// <summary>The document (other than <paramref name="exceptId"/>) that holds the 文号 with this key, if any.</summary>
    public Task<DocumentHolder?> HolderAsync(string key, Guid? exceptId, CancellationToken cancellationToken) =>
        db.Documents.AsNoTracking()
            .Where(d => d.DocNumberKey == key && d.Id != exceptId)
            .Select(d => new DocumentHolder(d.Id, d.Title))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Refuses a 文号 another document already has, naming that document.</summary>
    public async Task EnsureFreeAsync(PolicyDocument document, CancellationToken cancellationToken)
    {
        if (document.DocNumberKey is null)
        {
            return;
        }

        var holder = await HolderAsync(document.DocNumberKey, document.Id, cancellationToken);
        if (holder is not null)
        {
            throw new ConflictException(
                ProblemTypes.ForRule("duplicate-doc-number"),
                $"文号 {document.DocNumber} is already used by document {holder.Id} ({holder.Title}).",
                "docNumber")
            {
                Errors = new Dictionary<string, string[]> { ["docNumber"] = [$"Already used by document {holder.Id}."] },
            };
        }
    }
}
