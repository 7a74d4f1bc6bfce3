using PolicyApi.Domain.Common;
using PolicyApi.Domain.Documents;
using PolicyApi.Domain.Importing;
using PolicyApi.Domain.Units;

namespace PolicyApi.Domain.UnitTests.Importing;

/// <summary>Documents that are only a task table (任务分工表), and tables the importer cannot read as they stand.</summary>
public sealed class TaskTableImportTests
{
    private const string Notice = """
        安平县人民政府办公室
        安政办〔2022〕9号
        安平县人民政府办公室关于印发安平县2022年稳外资工作任务分工方案的通知
        各乡镇人民政府，县直各有关单位：
        2022年全县实际使用外资完成5000万美元。
        安平县人民政府办公室
        2022年2月28日
        附件
        安平县2022年稳外资工作任务分工方案

        """;

    private static string Table(params string[][] rows) => string.Join('\n', rows.Select(r => string.Join('\t', r)));

    private static readonly string[] Header = ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"];

    private static ImportDraft Read(string text) => PolicyTextParser.Parse(text, "安平县");

    [Fact]
    public void Parse_OfADocumentThatIsOnlyATaskTable_MakesEachRowAMeasureOfKindTask()
    {
        var draft = Read(Notice + Table(Header,
            ["1", "制定全县年度外资招商计划，分解下达各乡镇利用外资目标任务。", "县商务局", "县发展改革局、县财政局", "2022年3月底前"],
            ["2", "做好外资项目用地保障。优先安排新增建设用地指标。", "县自然资源局", "", "长期坚持"]));

        Assert.Equal(["1", "2"], draft.Measures.Select(m => m.Label));
        Assert.All(draft.Measures, m => Assert.Equal(MeasureKind.Task, m.Kind));
        Assert.Empty(draft.Tasks);
        Assert.Equal("制定全县年度外资招商计划，分解下达各乡镇利用外资目标任务", draft.Measures[0].Title);
        Assert.Equal(("做好外资项目用地保障", "优先安排新增建设用地指标。"), (draft.Measures[1].Title, draft.Measures[1].Body));
        Assert.Equal(
            [("县商务局", UnitRole.Lead), ("县发展改革局", UnitRole.Cooperating), ("县财政局", UnitRole.Cooperating)],
            draft.Measures[0].ResponsibleUnits.Select(u => (u.Name, u.Role)));
        Assert.Equal(["2022年3月底前", "长期坚持"], draft.Measures.Select(m => m.Deadline));
        Assert.DoesNotContain(draft.Warnings, w => w.Contains("No numbered measures", StringComparison.Ordinal));
        Assert.Equal("安政办〔2022〕9号", draft.DocNumber);
    }

    [Fact]
    public void Parse_OfATaskTableWithAKeyWorkColumn_MakesEachKeyWorkAChapterOverTheRowsItSpans()
    {
        var draft = Read(Notice + Table(["重点工作", "序号", "工作任务", "牵头单位", "配合单位", "完成时限"],
            ["强化外资招引", "1", "开展招商引资攻坚月活动。", "县商务局", "县投资促进中心", "2022年10月底前"],
            ["", "2", "建立外资项目专班推进机制。", "县投资促进中心", "县商务局", "长期坚持"],
            ["优化营商环境", "3", "完善外资企业诉求办理机制。", "县商务局", "县司法局", "长期坚持"]));

        Assert.Equal([("一、", "强化外资招引"), ("二、", "优化营商环境")], draft.Chapters.Select(c => (c.Label, c.Title)));
        Assert.Equal(["一、", "一、", "二、"], draft.Measures.Select(m => m.Chapter));
    }

    [Fact]
    public void Parse_OfATargetInARow_BindsItToTheRowsMeasureAndPointsAtTheCell()
    {
        var text = Notice + Table(Header, ["1", "组织参加重大经贸活动，全年赴外开展招商活动不少于3次。", "县商务局", "县投资促进中心", "2022年12月底前"]);

        var draft = Read(text);

        var target = Assert.Single(draft.Targets, t => t.Unit == "次");
        Assert.Equal(("1", 1, 3m), (target.MeasureLabel, target.MeasureSequence, target.Value));
        Assert.Equal(target.Text, text.Substring(target.Span.Start, target.Span.Length));
        Assert.Equal(draft.Measures[0].Span.Line, target.Span.Line);
    }

    [Fact]
    public void Translate_OfATaskTableDraft_RecordsTheRowsAsTasksWithTheirDeadlinesAndRoles()
    {
        var draft = Read(Notice + Table(Header, ["1", "制定全县年度外资招商计划。", "县商务局", "县财政局", "2022年3月底前"]));
        var commerce = ResponsibleUnit.Register("安平县", new UnitDetails("县商务局", null, UnitKind.Department, []));
        var finance = ResponsibleUnit.Register("安平县", new UnitDetails("县财政局", null, UnitKind.Department, []));

        var translated = DraftTranslator.Translate(draft, new Dictionary<string, ResponsibleUnit> { ["县商务局"] = commerce, ["县财政局"] = finance }, [commerce, finance]);

        var measure = Assert.Single(translated.Document.Measures);
        Assert.Equal((MeasureKind.Task, "1", "2022年3月底前", new DateOnly(2022, 3, 31)), (measure.Kind, measure.Label, measure.Deadline, measure.DeadlineDate));
        Assert.Equal([(commerce.Id, UnitRole.Lead), (finance.Id, UnitRole.Cooperating)], measure.Assignments.Select(a => (a.UnitId, a.Role)));
    }

    [Fact]
    public void Translate_OfATableLinkedToTheText_GivesEachTaskRowItsDeadlineUnderItsMeasure()
    {
        var (draft, _) = GroundTruth.Load(GroundTruth.CorpusDirectory, "qinghe-county-2022-plan");

        var document = DraftTranslator.Translate(draft, new Dictionary<string, ResponsibleUnit>(), []).Document;

        var tasks = document.Measures.Where(m => m.Kind == MeasureKind.Task).ToList();
        Assert.Equal(10, tasks.Count);
        var second = tasks.Single(t => t.Label == "2");
        Assert.Equal(("2022年12月底前", new DateOnly(2022, 12, 31), "加大外资招引力度"), (second.Deadline, second.DeadlineDate, second.KeyWork));
        Assert.Equal("（一）", document.Measures.Single(m => m.Id == second.ParentId).Label);
        Assert.Null(tasks.Single(t => t.Label == "3").DeadlineDate);
    }

    [Fact]
    public void Parse_OfATableWithNoHeaderNamingItsColumns_WarnsNamingTheFirstRowsLine()
    {
        var draft = Read("某县稳外资工作任务表\n" + Table(["1", "制定外资招商计划", "县商务局"], ["2", "建立外资项目库", "县发改局"]));

        Assert.Empty(draft.Measures);
        Assert.Contains(draft.Warnings, w => w.StartsWith("Line 2: a table row", StringComparison.Ordinal) && w.Contains("2 such row(s)", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_OfARowWithMoreCellsThanItsHeader_WarnsNamingTheRowsLineAndStillReadsIt()
    {
        var draft = Read(Notice + Table(Header,
            ["1", "制定全县年度外资招商计划。", "县商务局", "县财政局", "2022年3月底前"],
            ["2", "建立外资项目库。", "县商务局", "县发展改革局", "2022年4月底前", "备注"]));

        var line = Notice.Split('\n').Length + 2;
        Assert.Contains(draft.Warnings, w => w.StartsWith($"Line {line}: the row has 6 cells where its header (line {line - 2}) has 5", StringComparison.Ordinal));
        Assert.Equal(["1", "2"], draft.Measures.Select(m => m.Label));
    }

    [Fact]
    public void Parse_OfARowWhoseNumberIsNotInItsColumn_WarnsNamingTheRowsLine()
    {
        var draft = Read(Notice + Table(Header,
            ["1", "制定全县年度外资招商计划。", "县商务局", "县财政局", "2022年3月底前"],
            ["二", "建立外资项目库。", "县商务局", "县发展改革局", "2022年4月底前"]));

        var line = Notice.Split('\n').Length + 2;
        Assert.Contains($"Line {line}: a table row without a number in its 序号 column (header on line {line - 2}); it was not read.", draft.Warnings);
        Assert.Equal(["1"], draft.Measures.Select(m => m.Label));
    }

    [Fact]
    public void Parse_OfARowWithoutTaskText_WarnsNamingTheRowsLine()
    {
        var draft = Read(Notice + Table(Header, ["1", "", "县商务局", "县财政局", "2022年3月底前"]));

        var line = Notice.Split('\n').Length + 1;
        Assert.Contains($"Line {line}: row 1 has no task text; write it in before committing.", draft.Warnings);
    }

    [Fact]
    public void Parse_OfARowWhoseFirstSentenceIsLongerThanATitle_CutsTheTitleAndKeepsTheRest()
    {
        var task = new string('外', TextLimits.MeasureTitle + 20) + "。完成后报县商务局。";

        var measure = Assert.Single(Read(Notice + Table(Header, ["1", task, "县商务局", "县财政局", "2022年3月底前"])).Measures);

        Assert.Equal(TextLimits.MeasureTitle, measure.Title.Length);
        Assert.Equal("完成后报县商务局。", measure.Body);
    }

    [Fact]
    public void Parse_OfARowNumberedInAnotherScriptsDigits_WarnsInsteadOfFailing()
    {
        var draft = Read(Notice + Table(Header, ["١", "制定全县年度外资招商计划。", "县商务局", "县财政局", "2022年3月底前"]));

        Assert.Empty(draft.Measures);
        Assert.Contains(draft.Warnings, w => w.Contains("without a number in its 序号 column", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_OfDatesYearsAndNumbersInAnotherScriptsDigits_ReadsNoneOfThemAndDoesNotFail()
    {
        var draft = Read("关于印发٢٠٢٢年稳外资工作方案的通知\n安政办〔٢٠٢٢〕٩号\n٢٠٢٢年全县实际使用外资达到٥٠٠٠万美元，各乡镇全年开展招商活动不少于٣次。\n安平县人民政府办公室\n٢٠٢٢年٢月٢٨日\n一、工作任务\n（一）建立外资项目库。（责任单位：县商务局）\n");

        Assert.Equal((null, null, (DateOnly?)null), (draft.Year, draft.DocNumber, draft.IssuedOn));
        Assert.Single(draft.Measures);
    }

    [Fact]
    public void Parse_OfAHeaderWithTwoUnrelatedTextColumns_ReadsBothAsTheTask()
    {
        var draft = Read(Notice + Table(["序号", "名称", "说明", "责任单位"], ["1", "外资项目库", "年内建成", "县商务局"]));

        Assert.Empty(draft.Chapters);
        Assert.Equal("外资项目库年内建成", Assert.Single(draft.Measures).Title);
    }

    [Fact]
    public void Parse_OfAHeaderNamingNoUnitColumn_WarnsThatItsRowsHaveNoUnits()
    {
        var draft = Read(Notice + Table(["序号", "工作任务", "完成时限"], ["1", "制定全县年度外资招商计划。", "2022年3月底前"]));

        var line = Notice.Split('\n').Length;
        Assert.Contains($"Line {line}: the table header names no unit column (牵头单位, 配合单位, 责任单位 …); the rows under it have no responsible units.", draft.Warnings);
        Assert.Empty(Assert.Single(draft.Measures).ResponsibleUnits);
    }

    [Fact]
    public void Parse_OfATextWithTwoDocNumbers_KeepsTheFirstAndWarnsNamingTheSecondsLine()
    {
        var draft = Read(Notice.Replace("安政办〔2022〕9号\n", "安政办〔2022〕9号\n安政办〔2022〕10号\n", StringComparison.Ordinal)
            + Table(Header, ["1", "制定全县年度外资招商计划。", "县商务局", "县财政局", "2022年3月底前"]));

        Assert.Equal("安政办〔2022〕9号", draft.DocNumber);
        Assert.Contains(draft.Warnings, w => w.StartsWith("Line 3: a second 文号 安政办〔2022〕10号", StringComparison.Ordinal) && w.Contains("(line 2)", StringComparison.Ordinal));
    }
}
