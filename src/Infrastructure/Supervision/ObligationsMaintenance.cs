using Microsoft.Extensions.Hosting;
using PolicyApi.Infrastructure.Persistence;

namespace PolicyApi.Infrastructure.Supervision;

/// <summary>
/// The two things done to the obligations outside the transactions that keep them (see <see cref="ObligationsSql"/>):
/// laying them out again when the horizon moves on (a new year), and rebuilding a document's, or all, from scratch.
/// </summary>
public sealed class ObligationsMaintenance(PolicyDbContext db)
{
    /// <summary>Lays out every active document again when the horizon has moved on since the last time; how many it did (0 most days).</summary>
    public async Task<int> ExtendAsync(CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<int>($"SELECT policy.extend_obligations() AS \"Value\"").SingleAsync(cancellationToken);

    /// <summary>Rebuilds a document's duties and obligations (every document's when none is given); how many obligations it now has.</summary>
    /// <exception cref="KeyNotFoundException">There is no such document.</exception>
    public async Task<long> RebuildAsync(Guid? documentId, CancellationToken cancellationToken)
    {
        if (documentId is { } id && !await db.Documents.AnyAsync(d => d.Id == id, cancellationToken))
        {
            throw new KeyNotFoundException($"There is no document {id}.");
        }

        // One statement, so one transaction: the document's rows are replaced at once or not at all.
        await db.Database.ExecuteSqlAsync($"SELECT policy.refresh_obligations({documentId}, NULL)", cancellationToken);
        return await db.Database
            .SqlQuery<long>($"SELECT count(*) AS \"Value\" FROM policy.reporting_obligations o WHERE {documentId}::uuid IS NULL OR o.document_id = {documentId}")
            .SingleAsync(cancellationToken);
    }
}

/// <summary>Once at start and then daily: obligations of open-ended windows reach the horizon (the end of next year).</summary>
public sealed class ObligationsHorizonService(IServiceScopeFactory scopes, ILogger<ObligationsHorizonService> logger) : Hosting.PeriodicJob(scopes, logger, new(TimeSpan.FromHours(24), RunsAtStart: true))
{
    protected override async Task<string?> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var documents = await services.GetRequiredService<ObligationsMaintenance>().ExtendAsync(cancellationToken);
        return documents > 0 ? $"obligations laid out to the new horizon for {documents} document(s)" : null;
    }
}
