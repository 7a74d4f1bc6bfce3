using PolicyApi.Domain.Supervision;
using PolicyApi.Domain.Targets;

namespace PolicyApi.Domain.UnitTests.Supervision;

public sealed class AttainmentCalculatorTests
{
    private static readonly DateOnly Start = new(2021, 1, 1);
    private static readonly DateOnly End = new(2021, 12, 31);
    private static readonly DateOnly June30 = new(2021, 6, 30);

    private static AttainmentGoal Goal(Comparator comparator = Comparator.AtLeast, decimal value = 7000, Accumulation accumulation = Accumulation.Cumulative, params Milestone[] milestones) =>
        new(comparator, value, Start, End, accumulation, milestones);

    [Fact]
    public void ExpectedShare_OnJune30_Is181DaysOf365()
    {
        Assert.Equal(181m / 365m, AttainmentCalculator.ElapsedShare(Start, End, June30));
        Assert.Equal(0m, AttainmentCalculator.ElapsedShare(Start, End, new DateOnly(2020, 12, 31)));
        Assert.Equal(1m, AttainmentCalculator.ElapsedShare(Start, End, new DateOnly(2022, 3, 1)));
    }

    [Theory]
    [InlineData(3500, AttainmentStatus.OnTrack)]   // ≥ 3471.23 due
    [InlineData(3390, AttainmentStatus.Behind)]    // pace 6836 ≥ 6300
    [InlineData(3000, AttainmentStatus.AtRisk)]    // pace 6050 < 6300
    [InlineData(7000, AttainmentStatus.Achieved)]
    public void Evaluate_AnAtLeastTargetMidYear_ClassifiesByExpectedProgressAndPace(decimal actual, AttainmentStatus status) =>
        Assert.Equal(status, AttainmentCalculator.Evaluate(Goal(), actual, June30).Status);

    [Fact]
    public void Evaluate_AfterThePeriodBelowTheTarget_IsMissed() =>
        Assert.Equal(AttainmentStatus.Missed, AttainmentCalculator.Evaluate(Goal(), 6999, End).Status);

    [Fact]
    public void Evaluate_WithoutAnyFigure_IsNotStartedAndBehindScheduleOnceSomethingIsDue()
    {
        var result = AttainmentCalculator.Evaluate(Goal(), null, June30);

        Assert.Equal(AttainmentStatus.NotStarted, result.Status);
        Assert.True(result.BehindSchedule);
        Assert.False(AttainmentCalculator.Evaluate(Goal(), null, new DateOnly(2020, 12, 1)).BehindSchedule);
    }

    [Theory]
    [InlineData(8, AttainmentStatus.OnTrack, false)]
    [InlineData(10.5, AttainmentStatus.Behind, true)]  // within 10% of the limit
    [InlineData(12, AttainmentStatus.AtRisk, true)]
    public void Evaluate_AnAtMostLevelMidYear_TurnsTheLogicAround(decimal days, AttainmentStatus status, bool behind)
    {
        var result = AttainmentCalculator.Evaluate(Goal(Comparator.AtMost, 10, Accumulation.Level), days, June30);

        Assert.Equal(status, result.Status);
        Assert.Equal(behind, result.BehindSchedule);
        Assert.Equal(10m, result.Expected); // a limit is due all along, not pro-rated
    }

    [Fact]
    public void Evaluate_AnAtMostLevelAtYearEnd_IsAchievedOrMissed()
    {
        Assert.Equal(AttainmentStatus.Achieved, AttainmentCalculator.Evaluate(Goal(Comparator.AtMost, 10, Accumulation.Level), 9, End).Status);
        Assert.Equal(AttainmentStatus.Missed, AttainmentCalculator.Evaluate(Goal(Comparator.AtMost, 10, Accumulation.Level), 11, End).Status);
    }

    [Fact]
    public void Evaluate_AnAtMostCapOnceExceeded_IsMissedAtOnce() =>
        Assert.Equal(AttainmentStatus.Missed, AttainmentCalculator.Evaluate(Goal(Comparator.AtMost, 100, Accumulation.Increments), 101, June30).Status);

    [Fact]
    public void Evaluate_WithMilestones_ExpectsTheLatestMilestoneReached()
    {
        var goal = Goal(value: 10, accumulation: Accumulation.Increments, milestones: [new Milestone(June30, 3), new Milestone(End, 10)]);

        Assert.Equal(0m, AttainmentCalculator.Evaluate(goal, null, new DateOnly(2021, 6, 29)).Expected);
        Assert.Equal(3m, AttainmentCalculator.Evaluate(goal, 3, June30).Expected);
        Assert.Equal(AttainmentStatus.OnTrack, AttainmentCalculator.Evaluate(goal, 3, June30).Status);
    }

    [Fact]
    public void Evaluate_ALevelAtLeastTarget_IsDueAllAlongAndNotProjected()
    {
        var result = AttainmentCalculator.Evaluate(Goal(value: 20, accumulation: Accumulation.Level), 18, June30);

        Assert.Equal(20m, result.Expected);
        Assert.Equal(18m, result.Projected);
        Assert.Equal(AttainmentStatus.Behind, result.Status);
    }

    [Theory]
    [InlineData(CadenceFrequency.Monthly, "2021-07-20", "2021-06-30")]
    [InlineData(CadenceFrequency.Monthly, "2021-07-31", "2021-07-31")]
    [InlineData(CadenceFrequency.Quarterly, "2021-08-15", "2021-06-30")]
    [InlineData(CadenceFrequency.Weekly, "2021-07-07", "2021-07-04")]
    [InlineData(CadenceFrequency.Yearly, "2021-07-07", "2020-12-31")]
    public void ExpectedAt_MidPeriod_IsTheEndOfTheLastClosedReportingPeriod(CadenceFrequency cadence, string asOf, string expectedAt) =>
        Assert.Equal(DateOnly.Parse(expectedAt, System.Globalization.CultureInfo.InvariantCulture), AttainmentCalculator.ExpectedAt(cadence, DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void ExpectedAt_WithoutACadence_IsTheDayItself() =>
        Assert.Equal(new DateOnly(2021, 7, 20), AttainmentCalculator.ExpectedAt(null, new DateOnly(2021, 7, 20)));

    [Theory]
    [InlineData(CadenceFrequency.Monthly, "2022-03-10", "2021-12-31")]
    [InlineData(null, "2023-01-01", "2021-12-31")]
    [InlineData(CadenceFrequency.Quarterly, "2021-08-15", "2021-06-30")]
    public void ExpectedAt_AfterTheTargetsPeriod_IsItsEnd(CadenceFrequency? cadence, string asOf, string expectedAt) =>
        Assert.Equal(
            DateOnly.Parse(expectedAt, System.Globalization.CultureInfo.InvariantCulture),
            AttainmentCalculator.ExpectedAt(cadence, DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture), new DateOnly(2021, 12, 31)));
}
