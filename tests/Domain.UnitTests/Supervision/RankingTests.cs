using PolicyApi.Domain.Supervision;
using PolicyApi.Domain.Targets;

namespace PolicyApi.Domain.UnitTests.Supervision;

public sealed class RankingTests
{
    private static readonly Guid Gangkou = Guid.Parse("00000000-0000-0000-0000-000000000001");
    private static readonly Guid Fangcheng = Guid.Parse("00000000-0000-0000-0000-000000000002");
    private static readonly Guid Dongxing = Guid.Parse("00000000-0000-0000-0000-000000000003");
    private static readonly Guid Shangsi = Guid.Parse("00000000-0000-0000-0000-000000000004");

    [Fact]
    public void Rank_ByCompletionOfOwnShare_FlagsOnlyTheLastUnitThatIsBehind()
    {
        var ranked = Ranking.Rank(
            [new(Shangsi, 500, 130, 247.9m), new(Gangkou, 3000, 1550, 1487.7m), new(Dongxing, 1500, 720, 743.8m), new(Fangcheng, 2000, 990, 991.8m)],
            Comparator.AtLeast);

        Assert.Equal([Gangkou, Fangcheng, Dongxing, Shangsi], ranked.Select(r => r.Standing.UnitId));
        Assert.Equal([false, false, false, true], ranked.Select(r => r.Summoned));
        Assert.Equal([false, true, true, true], ranked.Select(r => r.Behind));
    }

    [Fact]
    public void Rank_WhenTheLastUnitIsNotBehind_NobodyIsSummoned()
    {
        var ranked = Ranking.Rank([new(Gangkou, 100, 90, 50), new(Shangsi, 100, 60, 50)], Comparator.AtLeast);

        Assert.True(ranked[1].Last);
        Assert.False(ranked[1].Summoned);
    }

    [Fact]
    public void Rank_EqualCompletion_SharesTheRankAndTheNextRankIsSkipped()
    {
        var ranked = Ranking.Rank([new(Gangkou, 4, 3, 2), new(Dongxing, 4, 3, 2), new(Fangcheng, 4, 2, 2), new(Shangsi, 4, 1, 2)], Comparator.AtLeast);

        Assert.Equal([1, 1, 3, 4], ranked.Select(r => r.Rank));
    }

    [Fact]
    public void Rank_TiedForLast_FlagsEveryTiedUnitThatIsBehind()
    {
        var ranked = Ranking.Rank([new(Gangkou, 4, 3, 2), new(Fangcheng, 4, 1, 2), new(Shangsi, 4, 1, 2)], Comparator.AtLeast);

        Assert.Equal([false, true, true], ranked.Select(r => r.Summoned));
    }

    [Fact]
    public void Rank_AnAtMostTarget_PutsTheLowestFirst()
    {
        var ranked = Ranking.Rank([new(Gangkou, 10, 12, 10), new(Shangsi, 10, 6, 10)], Comparator.AtMost);

        Assert.Equal([Shangsi, Gangkou], ranked.Select(r => r.Standing.UnitId));
        Assert.True(ranked[1].Summoned);
    }

    [Fact]
    public void Rank_ASingleUnit_IsNeverLast() =>
        Assert.False(Ranking.Rank([new(Gangkou, 10, 1, 5)], Comparator.AtLeast)[0].Last);

    [Fact]
    public void Rank_WhenNobodyHasReported_AllTieFirst_AndNobodyIsLastOrSummoned()
    {
        var ranked = Ranking.Rank([new(Gangkou, 4, null, 2), new(Fangcheng, 4, null, 2), new(Shangsi, 4, null, 2)], Comparator.AtLeast);

        Assert.All(ranked, r =>
        {
            Assert.Equal(1, r.Rank);
            Assert.True(r.Behind);
            Assert.False(r.Last);
            Assert.False(r.Summoned);
        });
    }

    [Fact]
    public void Rank_OfALowerIsBetterTarget_PutsUnitsThatReportedNothingLast_NotFirst()
    {
        var ranked = Ranking.Rank([new(Gangkou, 10, null, 10), new(Fangcheng, 10, null, 10), new(Shangsi, 10, 9, 10)], Comparator.AtMost);

        Assert.Equal([Shangsi, Gangkou, Fangcheng], ranked.Select(r => r.Standing.UnitId));
        Assert.Equal([1, 2, 2], ranked.Select(r => r.Rank));
        Assert.Equal([false, true, true], ranked.Select(r => r.Last));
        Assert.Equal([false, true, true], ranked.Select(r => r.Summoned));
    }
}
