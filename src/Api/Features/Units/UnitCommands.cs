using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PolicyApi.Api.Application;
using PolicyApi.Api.Http;
using PolicyApi.Domain.Common;
using PolicyApi.Domain.Units;
using PolicyApi.Infrastructure.Persistence;

namespace PolicyApi.Api.Features.Units;

public sealed record RegisterUnit : UnitFields, ICommand<UnitResponse>
{
    /// <summary>The region whose registry the unit joins, e.g. 连云港市. Cannot change later.</summary>
    public string? Region { get; init; }
}

public sealed class RegisterUnitValidator : UnitFieldsValidator<RegisterUnit>
{
    public RegisterUnitValidator()
    {
        RuleFor(x => x.Region).NotEmpty().MaximumLength(TextLimits.Region);
    }
}

public sealed class RegisterUnitHandler(PolicyDbContext db) : MediatR.IRequestHandler<RegisterUnit, UnitResponse>
{
    public async Task<UnitResponse> Handle(RegisterUnit request, CancellationToken cancellationToken)
    {
        var unit = ResponsibleUnit.Register(request.Region!, request.ToDetails());
        await UnitRegistry.PlaceAsync(db, unit, request.ParentId, cancellationToken);
        await UnitRegistry.EnsureNamesFreeAsync(db, unit, cancellationToken);
        db.Units.Add(unit);
        await db.SaveChangesAsync(cancellationToken);
        return UnitResponse.From(unit);
    }
}

public sealed record UpdateUnit : UnitFields, ICommand<UnitResponse>
{
    [JsonIgnore]
    public Guid Id { get; init; }

    [JsonIgnore]
    public string? IfMatch { get; init; }
}

public sealed class UpdateUnitValidator : UnitFieldsValidator<UpdateUnit>;

public sealed class UpdateUnitHandler(PolicyDbContext db, Representations representations)
    : MediatR.IRequestHandler<UpdateUnit, UnitResponse>
{
    public async Task<UnitResponse> Handle(UpdateUnit request, CancellationToken cancellationToken)
    {
        var unit = await UnitRegistry.LoadAsync(db, request.Id, cancellationToken);
        representations.EnsureMatch(request.IfMatch, UnitResponse.From(unit));
        unit.Revise(request.ToDetails());
        await UnitRegistry.PlaceAsync(db, unit, request.ParentId, cancellationToken);
        await UnitRegistry.EnsureNamesFreeAsync(db, unit, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return UnitResponse.From(unit);
    }
}

public sealed record DeleteUnit(Guid Id, string? IfMatch) : ICommand<MediatR.Unit>;

public sealed class DeleteUnitHandler(PolicyDbContext db, Representations representations)
    : MediatR.IRequestHandler<DeleteUnit, MediatR.Unit>
{
    public async Task<MediatR.Unit> Handle(DeleteUnit request, CancellationToken cancellationToken)
    {
        var unit = await UnitRegistry.LoadAsync(db, request.Id, cancellationToken);
        representations.EnsureMatch(request.IfMatch, UnitResponse.From(unit));
        var assignments = await db.Assignments.CountAsync(a => a.UnitId == unit.Id, cancellationToken);
        var children = await db.Units.CountAsync(u => u.ParentId == unit.Id, cancellationToken);
        if (assignments > 0 || children > 0)
        {
            throw new DomainRuleViolationException(
                "unit-in-use",
                $"{unit.Name} is still responsible for {assignments} measure(s) and has {children} sub-unit(s); remove those first.");
        }

        db.Units.Remove(unit);
        await db.SaveChangesAsync(cancellationToken);
        return MediatR.Unit.Value;
    }
}
