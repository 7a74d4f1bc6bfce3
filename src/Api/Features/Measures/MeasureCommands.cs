using PolicyApi.Api.Application;
using PolicyApi.Api.Features.Documents;
using PolicyApi.Api.Http;
using PolicyApi.Infrastructure.Persistence;

namespace PolicyApi.Api.Features.Measures;

public sealed class CreateMeasureHandler(PolicyDbContext db) : MediatR.IRequestHandler<CreateMeasure, MeasureResponse>
{
    public async Task<MeasureResponse> Handle(CreateMeasure request, CancellationToken cancellationToken)
    {
        var document = await DocumentLoader.LoadWholeAsync(db, request.DocumentId, cancellationToken);
        var measure = document.AddMeasure(request.ToDetails(), request.Sequence);
        await db.SaveChangesAsync(cancellationToken);
        return MeasureResponse.From(measure, new Dictionary<Guid, string>());
    }
}

public sealed class UpdateMeasureHandler(PolicyDbContext db, Representations representations)
    : MediatR.IRequestHandler<UpdateMeasure, MeasureResponse>
{
    public async Task<MeasureResponse> Handle(UpdateMeasure request, CancellationToken cancellationToken)
    {
        var document = await DocumentLoader.LoadByMeasureAsync(db, request.Id, cancellationToken);
        var measure = document.FindMeasure(request.Id);
        var names = await DocumentLoader.UnitNamesAsync(db, measure.Assignments.Select(a => a.UnitId), cancellationToken);
        representations.EnsureMatch(request.IfMatch, MeasureResponse.From(measure, names));
        document.ReviseMeasure(request.Id, request.ToDetails(), request.Sequence);
        await db.SaveChangesAsync(cancellationToken);
        return MeasureResponse.From(measure, names);
    }
}

public sealed record DeleteMeasure(Guid Id, string? IfMatch) : ICommand<MediatR.Unit>;

public sealed class DeleteMeasureHandler(PolicyDbContext db, Representations representations)
    : MediatR.IRequestHandler<DeleteMeasure, MediatR.Unit>
{
    public async Task<MediatR.Unit> Handle(DeleteMeasure request, CancellationToken cancellationToken)
    {
        var document = await DocumentLoader.LoadByMeasureAsync(db, request.Id, cancellationToken);
        var measure = document.FindMeasure(request.Id);
        var names = await DocumentLoader.UnitNamesAsync(db, measure.Assignments.Select(a => a.UnitId), cancellationToken);
        representations.EnsureMatch(request.IfMatch, MeasureResponse.From(measure, names));
        document.RemoveMeasure(request.Id);
        await db.SaveChangesAsync(cancellationToken);
        return MediatR.Unit.Value;
    }
}
