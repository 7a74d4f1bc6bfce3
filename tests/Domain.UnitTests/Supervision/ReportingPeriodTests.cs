using PolicyApi.Domain.Common;
using PolicyApi.Domain.Supervision;

namespace PolicyApi.Domain.UnitTests.Supervision;

public sealed class ReportingPeriodTests
{
    [Theory]
    [InlineData("2021", "2021-01-01", "2021-12-31")]
    [InlineData("2021-H1", "2021-01-01", "2021-06-30")]
    [InlineData("2021-H2", "2021-07-01", "2021-12-31")]
    [InlineData("2021-Q2", "2021-04-01", "2021-06-30")]
    [InlineData("2021-M06", "2021-06-01", "2021-06-30")]
    [InlineData("2024-M02", "2024-02-01", "2024-02-29")]
    [InlineData("2023-M02", "2023-02-01", "2023-02-28")]
    [InlineData("2020-W53", "2020-12-28", "2021-01-03")]
    [InlineData("2021-W01", "2021-01-04", "2021-01-10")]
    [InlineData("2026-W01", "2025-12-29", "2026-01-04")]
    public void Parse_WhenTheCodeIsValid_SpansTheRightDays(string code, string start, string end)
    {
        var period = ReportingPeriod.Parse(code, "period");

        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), period.Start);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), period.End);
        Assert.Equal(code, period.Code);
    }

    [Theory]
    [InlineData("2021-W53")]
    [InlineData("2021-M00")]
    [InlineData("2021-M13")]
    [InlineData("2021-Q5")]
    [InlineData("2021-H3")]
    [InlineData("21-M06")]
    [InlineData("2021年6月")]
    [InlineData("")]
    public void Parse_WhenTheCodeNamesNoPeriod_IsRefusedNamingTheField(string code) =>
        Assert.Equal("period", Assert.Throws<DomainValidationException>(() => ReportingPeriod.Parse(code, "period")).Field);

    [Theory]
    [InlineData("2021-01-01", PeriodKind.Week, "2020-W53")]
    [InlineData("2024-02-29", PeriodKind.Month, "2024-M02")]
    [InlineData("2024-02-29", PeriodKind.Quarter, "2024-Q1")]
    [InlineData("2021-07-01", PeriodKind.HalfYear, "2021-H2")]
    [InlineData("2021-12-31", PeriodKind.Week, "2021-W52")]
    public void Containing_TheDate_IsTheRightPeriod(string date, PeriodKind kind, string code) =>
        Assert.Equal(code, ReportingPeriod.Containing(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), kind).Code);

    [Theory]
    [InlineData(-1)]
    [InlineData(91)]
    public void Cadence_WithAGracePeriodOutOfRange_IsNotPossible(int days) =>
        Assert.Equal("reportingCadence.graceDays", Assert.Throws<DomainValidationException>(() => new ReportingCadence(CadenceFrequency.Weekly, days)).Field);
}
