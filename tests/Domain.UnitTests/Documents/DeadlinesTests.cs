using PolicyApi.Domain.Common;
using PolicyApi.Domain.Documents;

namespace PolicyApi.Domain.UnitTests.Documents;

public sealed class DeadlinesTests
{
    [Theory]
    [InlineData("2021年6月底前", null, "2021-06-30")]
    [InlineData("2022年2月底前", null, "2022-02-28")]
    [InlineData("2021年12月31日前", null, "2021-12-31")]
    [InlineData("2022年9月", null, "2022-09-30")]
    [InlineData("2022年底前", null, "2022-12-31")]
    [InlineData("2022年年底前完成", null, "2022-12-31")]
    [InlineData("2022年上半年", null, "2022-06-30")]
    [InlineData("2022年第三季度末", null, "2022-09-30")]
    [InlineData("2022年", null, "2022-12-31")]
    [InlineData("6月底前", 2023, "2023-06-30")]
    [InlineData("年底前", 2022, "2022-12-31")]
    [InlineData("２０２２年６月底前", null, "2022-06-30")]
    public void LastDay_OfWordsNamingOneDay_IsThatDay(string text, int? documentYear, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Deadlines.LastDay(text, documentYear));
    }

    [Theory]
    [InlineData("长期坚持", 2022)]
    [InlineData("持续推进", 2022)]
    [InlineData("每月5日前", 2022)]
    [InlineData("2021—2023年", 2021)]
    [InlineData("6月底前", null)]
    [InlineData("2022年2月30日前", null)]
    [InlineData("", 2022)]
    [InlineData("٢٠٢٢年٦月底前", 2022)]
    public void LastDay_OfWordsNamingNoSingleDay_IsNone(string text, int? documentYear)
    {
        Assert.Null(Deadlines.LastDay(text, documentYear));
    }

    [Fact]
    public void AddMeasure_WithADeadlineWithoutYear_TakesTheDocumentsYear()
    {
        var document = PolicyDocument.Create(new DocumentDetails(
            "安平县2022年稳外资工作任务分工方案", "安政办〔2022〕9号", "安平县人民政府办公室", "安平县", new DateOnly(2022, 2, 28),
            DocumentKind.WorkPlan, new DateOnly(2022, 1, 1), new DateOnly(2022, 12, 31), [], DocumentStatus.Active));

        var measure = document.AddMeasure(new MeasureDetails("1", "制定全县年度外资招商计划", null, MeasureKind.Task, null, null, null, null, Deadline: "年底前"));

        Assert.Equal("年底前", measure.Deadline);
        Assert.Equal(new DateOnly(2022, 12, 31), measure.DeadlineDate);
    }

    [Fact]
    public void AddMeasure_WithADeadlineLongerThanTheLimit_IsNotPossible()
    {
        var document = PolicyDocument.Create(new DocumentDetails(
            "安平县2022年稳外资工作任务分工方案", null, null, "安平县", null, DocumentKind.WorkPlan, null, null, [], DocumentStatus.Active));

        var error = Assert.Throws<DomainValidationException>(() => document.AddMeasure(
            new MeasureDetails("1", "制定全县年度外资招商计划", null, MeasureKind.Task, null, null, null, null, Deadline: new string('前', 101))));

        Assert.Equal("deadline", error.Field);
    }
}
