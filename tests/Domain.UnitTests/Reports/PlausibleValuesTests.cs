using PolicyApi.Domain.Common;
using PolicyApi.Domain.Reports;
using PolicyApi.Domain.Targets;

namespace PolicyApi.Domain.UnitTests.Reports;

public sealed class PlausibleValuesTests
{
    [Theory]
    [InlineData(Accumulation.Cumulative)]
    [InlineData(Accumulation.Count)]
    [InlineData(Accumulation.Increments)]
    public void Check_WhenANegativeAmountHasNoCorrection_IsRefused(Accumulation accumulation)
    {
        var refused = Assert.Throws<DomainImplausibleValueException>(() => PlausibleValues.Check(accumulation, -5, null, null, null));
        Assert.Equal(("report-value-negative", "value"), (refused.Code, refused.Field));
    }

    [Fact]
    public void Check_WhenALevelIsNegative_IsAccepted() =>
        PlausibleValues.Check(Accumulation.Level, -3.5m, null, null, null); // a growth rate can fall below zero

    [Fact]
    public void Check_WhenACumulativeTotalFallsBelowAnEarlierOne_IsRefused_UnlessCorrected()
    {
        var refused = Assert.Throws<DomainImplausibleValueException>(() => PlausibleValues.Check(Accumulation.Cumulative, 100, null, ("2021-M06", 600), null));
        Assert.Contains("2021-M06", refused.Message, StringComparison.Ordinal);
        PlausibleValues.Check(Accumulation.Cumulative, 100, "6月重复统计，更正", ("2021-M06", 600), null);
    }

    [Fact]
    public void Check_WhenACumulativeTotalExceedsALaterOne_IsRefused() =>
        Assert.Throws<DomainImplausibleValueException>(() => PlausibleValues.Check(Accumulation.Cumulative, 900, null, null, ("2021-M06", 600)));

    [Fact]
    public void Check_WhenIncrementsGoDown_IsAccepted() =>
        PlausibleValues.Check(Accumulation.Increments, 100, null, ("2021-M06", 600), null);
}
