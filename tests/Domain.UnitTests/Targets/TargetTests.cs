using PolicyApi.Domain.Common;
using PolicyApi.Domain.Targets;

namespace PolicyApi.Domain.UnitTests.Targets;

public sealed class TargetTests
{
    private static readonly Guid Gangkou = Guid.NewGuid();
    private static readonly Guid Shangsi = Guid.NewGuid();

    private static TargetDetails Fdi(TargetScope scope = TargetScope.Region, IReadOnlyList<Guid>? scopeUnits = null, GrowthBaseline? baseline = null, string unit = "万美元", Accumulation accumulation = Accumulation.Cumulative) =>
        new(null, "实际利用外资", "2021年全市实际利用外资工作目标7000万美元", unit, Comparator.AtLeast, 7000, new DateOnly(2021, 1, 1), new DateOnly(2021, 12, 31), null, accumulation, scope, null, scopeUnits ?? [], baseline, null, null, []);

    [Fact]
    public void Allocate_SharesThatAddUpToLessThanTheWhole_ReportsTheRest()
    {
        var target = Target.Set(Guid.NewGuid(), Fdi());

        target.Allocate([(Gangkou, 3000m), (Shangsi, 500m)]);

        Assert.Equal(3500m, target.Allocated);
        Assert.Equal(3500m, target.Unallocated);
        Assert.Equal(500m, target.ValueFor(Shangsi));
    }

    [Fact]
    public void Allocate_SharesOverTheWhole_IsNotPossibleAndKeepsThePreviousSplit()
    {
        var target = Target.Set(Guid.NewGuid(), Fdi());
        target.Allocate([(Gangkou, 3000m)]);

        Assert.Equal("allocations-exceed-target", Assert.Throws<DomainRuleViolationException>(() => target.Allocate([(Gangkou, 5000m), (Shangsi, 2001m)])).Code);
        Assert.Equal(3000m, target.Allocated);
    }

    [Fact]
    public void Allocate_AnEachUnitTarget_IsNotPossible()
    {
        var target = Target.Set(Guid.NewGuid(), Fdi(TargetScope.EachUnit, [Gangkou, Shangsi]));

        Assert.Equal("target-not-allocatable", Assert.Throws<DomainRuleViolationException>(() => target.Allocate([(Gangkou, 1m)])).Code);
        Assert.Equal(7000m, target.ValueFor(Shangsi));
    }

    [Fact]
    public void Set_AGrowthTarget_ReportsInTheBaselinesUnit()
    {
        var target = Target.Set(Guid.NewGuid(), Fdi(baseline: new GrowthBaseline(5800, "万美元", new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31)), unit: "%") with { Value = 20 });

        Assert.True(target.IsGrowth);
        Assert.Equal("万美元", target.ReportUnitOfMeasure);
        Assert.Equal(TargetDirection.HigherIsBetter, target.Direction);
    }

    [Fact]
    public void Set_AGrowthTargetNotInPercent_IsNotPossible() =>
        Assert.Equal("unitOfMeasure", Assert.Throws<DomainValidationException>(() => Target.Set(Guid.NewGuid(), Fdi(baseline: new GrowthBaseline(5800, "万美元", new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31))))).Field);

    [Fact]
    public void Set_AnAtMostTarget_IsLowerIsBetterByDefault() =>
        Assert.Equal(TargetDirection.LowerIsBetter, Target.Set(Guid.NewGuid(), Fdi() with { Comparator = Comparator.AtMost }).Direction);

    [Fact]
    public void Set_MilestonesOutOfOrderOrOutsideThePeriod_IsNotPossible()
    {
        Assert.Throws<DomainValidationException>(() => Target.Set(Guid.NewGuid(), Fdi() with { Milestones = [new Milestone(new DateOnly(2021, 12, 31), 7000), new Milestone(new DateOnly(2021, 6, 30), 3500)] }));
        Assert.Throws<DomainValidationException>(() => Target.Set(Guid.NewGuid(), Fdi() with { Milestones = [new Milestone(new DateOnly(2022, 1, 31), 7000)] }));
    }
}
