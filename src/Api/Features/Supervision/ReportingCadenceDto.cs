namespace PolicyApi.Api.Features.Supervision;

/// <summary>A reporting calendar: weekly (周跟踪), monthly (月通报), quarterly (季督查), halfYearly (半年点评) or yearly (年底考核), with days of grace after each period ends.</summary>
public sealed record ReportingCadenceDto(CadenceFrequency? Frequency, int? GraceDays)
{
    public static ReportingCadenceDto? From(ReportingCadence? cadence) =>
        cadence is null ? null : new ReportingCadenceDto(cadence.Frequency, cadence.GraceDays);

    public ReportingCadence ToCadence() => new(Frequency!.Value, GraceDays ?? 0);
}

public sealed class ReportingCadenceValidator : AbstractValidator<ReportingCadenceDto>
{
    public ReportingCadenceValidator()
    {
        RuleFor(x => x.Frequency).NotNull().IsInEnum();
        RuleFor(x => x.GraceDays).InclusiveBetween(0, ReportingCadence.MaxGraceDays).WithMessage($"The grace period must be between 0 and {ReportingCadence.MaxGraceDays} days.");
    }
}
