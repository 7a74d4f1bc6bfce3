namespace PolicyApi.Api.Features.Units;

/// <summary>A responsible unit as the API serves it.</summary>
public sealed record UnitResponse(
    Guid Id,
    string Region,
    string Name,
    string? ShortName,
    IReadOnlyList<string> Aliases,
    UnitKind Kind,
    Guid? ParentId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : TaggedRepresentation
{
    public static UnitResponse From(ResponsibleUnit u)
    {
        ArgumentNullException.ThrowIfNull(u);
        return new(u.Id, u.Region, u.Name, u.ShortName, [.. u.Aliases], u.Kind, u.ParentId, u.CreatedAt, u.UpdatedAt) { ETag = EntityTags.Of(u.Id, u.Version) };
    }
}

/// <summary>The fields of a unit its registrars own.</summary>
public abstract record UnitFields
{
    /// <summary>The full name, e.g. 市发展和改革委员会.</summary>
    public string? Name { get; init; }

    /// <summary>The usual abbreviation, e.g. 市发改委.</summary>
    public string? ShortName { get; init; }

    /// <summary>Other ways documents write it, e.g. 市发展改革委. Each name is unique within the region.</summary>
    public IReadOnlyList<string>? Aliases { get; init; }

    public UnitKind? Kind { get; init; }

    /// <summary>The unit it belongs to (a department of a district government, say), in the same region.</summary>
    public Guid? ParentId { get; init; }

    public UnitDetails ToDetails() => new(Name!, ShortName, Kind!.Value, Aliases ?? []);
}

public abstract class UnitFieldsValidator<T> : AbstractValidator<T>
    where T : UnitFields
{
    protected UnitFieldsValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(TextLimits.UnitName);
        RuleFor(x => x.ShortName).MaximumLength(TextLimits.UnitName);
        RuleFor(x => x.Kind).NotNull().IsInEnum();
        RuleFor(x => x.Aliases!.Count)
            .LessThanOrEqualTo(TextLimits.AliasCount)
            .When(x => x.Aliases is not null)
            .OverridePropertyName("aliases");
        RuleForEach(x => x.Aliases).NotEmpty().MaximumLength(TextLimits.UnitName);
        RuleFor(x => x.ParentId).NotEqual(Guid.Empty);
    }
}
