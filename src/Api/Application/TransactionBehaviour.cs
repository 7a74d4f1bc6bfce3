namespace PolicyApi.Api.Application;

/// <summary>
/// Runs a command in one database transaction inside the execution strategy, so a transient
/// failure retries the whole command from a clean change tracker, and a failure commits nothing.
/// </summary>
public sealed class TransactionBehaviour<TRequest, TResponse>(PolicyDbContext db) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (request is not ICommand<TResponse> || db.Database.CurrentTransaction is not null)
        {
            return await next();
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var response = await next();
            await transaction.CommitAsync(cancellationToken);
            return response;
        });
    }
}
