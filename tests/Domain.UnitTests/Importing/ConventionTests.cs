using PolicyApi.Domain.Documents;
using PolicyApi.Domain.Importing;
using PolicyApi.Domain.Targets;

namespace PolicyApi.Domain.UnitTests.Importing;

/// <summary>
/// Documents written with conventions the four seeds do not use: 1、 and （1） numbering, （牵头单位：…；配合单位：…）,
/// half-width colons, page numbers like "- 3 -", a date in Chinese numerals, full-width digits, a task table with
/// 牵头单位 / 配合单位 / 完成时限 columns, and numbers that are not targets.
/// </summary>
public sealed class ConventionTests
{
    private const string ActionPlan = """
        XX市人民政府办公室文件
        X政办发［2022］7号
        XX市人民政府办公室关于印发XX市促进外资
        高质量发展三年行动计划的通知
        各县区人民政府，市各有关部门：
        现将《XX市促进外资高质量发展三年行动计划》印发给你们，请认真贯彻落实。
        XX市人民政府办公室
        二〇二二年三月五日
        XX市促进外资高质量发展三年行动计划
        一、主要目标
        到2024年，全市实际使用外资达到15亿美元以上，新设外资企业不少于60家，重大项目审批时间压缩至５个工作日以内。
        二、重点任务
        1、加强招商引资。大力开展产业链招商，对投资额1000万美元以上的项目实行专班服务，居留许可有效期2至5年。
        （牵头单位：市商务局；配合单位：市发展改革委、市财政局）
        （1）开展专题招商。各县区每年举办不少于3场专题招商活动。（责任单位：各县区人民政府）
        （2）建立项目库。建立外资项目库，实行“周调度、月通报”。（责任单位：市商务局）
        - 3 -
        2、优化外资服务。推行外资企业服务专员制度，
        及时协调解决企业诉求。(责任单位:市政务服务管理局,各县区人民政府)
        3．落实财税政策。落实外资企业再投资递延纳税政策。〔市财政局牵头，市税务局配合〕
        三、保障措施
        （一）强化督查考核。实行“季通报、年考核”，市督查室每季度通报进展情况。（负责部门：市督查室）
        附件
        重点任务分工表
        序号	重点任务	牵头单位	配合单位	完成时限
        1	建立外资项目库	市商务局	市发展改革委、市统计局	2022年6月
        2	编制产业链招商图谱	市发展改革委	市商务局	2022年9月
        """;

    private static ImportDraft Draft => PolicyTextParser.Parse(ActionPlan, "XX市");

    [Fact]
    public void Metadata_is_read_from_a_notice_with_a_bracketed_number_and_a_date_in_chinese_numerals()
    {
        var draft = Draft;
        Assert.Equal("XX市人民政府办公室关于印发XX市促进外资高质量发展三年行动计划的通知", draft.Title);
        Assert.Equal("XX市促进外资高质量发展三年行动计划", draft.EnclosedTitle);
        Assert.Equal("X政办发〔2022〕7号", draft.DocNumber);
        Assert.Equal("XX市人民政府办公室", draft.Issuer);
        Assert.Equal(new DateOnly(2022, 3, 5), draft.IssuedOn);
        Assert.Equal(DocumentKind.WorkPlan, draft.Kind);
    }

    [Fact]
    public void Numbered_items_with_sub_items_and_keyword_unit_lists_are_read_with_roles()
    {
        var draft = Draft;
        Assert.Equal(["1.", "（1）", "（2）", "2.", "3.", "（一）"], draft.Measures.Select(m => m.Label));
        Assert.Equal(["1、", null, null, "2、", "3．", null], draft.Measures.Select(m => m.LabelAsWritten));
        Assert.Equal(["加强招商引资", "开展专题招商", "建立项目库", "优化外资服务", "落实财税政策", "强化督查考核"], draft.Measures.Select(m => m.Title));
        var first = draft.Measures[0];
        Assert.Equal([("市商务局", UnitRole.Lead), ("市发展改革委", UnitRole.Cooperating), ("市财政局", UnitRole.Cooperating)], first.ResponsibleUnits.Select(u => (u.Name, u.Role)));
        Assert.Equal(MeasureKind.Measure, first.Kind);
        Assert.Equal([MeasureKind.SubItem, MeasureKind.SubItem], draft.Measures.Skip(1).Take(2).Select(m => m.Kind));
        Assert.Equal(["1.", "1."], draft.Measures.Skip(1).Take(2).Select(m => m.Parent));

        // The unit list broken across a line and the page number "- 3 -" between items.
        Assert.Equal([("市政务服务管理局", UnitRole.Responsible), ("各县区人民政府", UnitRole.Responsible)], draft.Measures[3].ResponsibleUnits.Select(u => (u.Name, u.Role)));
        Assert.Contains("及时协调解决企业诉求", draft.Measures[3].Body, StringComparison.Ordinal);
        Assert.Equal([("市财政局", UnitRole.Lead), ("市税务局", UnitRole.Cooperating)], draft.Measures[4].ResponsibleUnits.Select(u => (u.Name, u.Role)));
        Assert.Equal([("市督查室", UnitRole.Responsible)], draft.Measures[5].ResponsibleUnits.Select(u => (u.Name, u.Role)));
    }

    [Fact]
    public void Targets_are_found_and_thresholds_and_terms_are_not()
    {
        var draft = Draft;
        Assert.Equal(
            [(Comparator.AtLeast, 15m, "亿美元", "2024", "whole"), (Comparator.AtLeast, 60m, "家", "2024", "whole"), (Comparator.AtMost, 5m, "工作日", "2024", "each"), (Comparator.AtLeast, 3m, "场", null, "each")],
            draft.Targets.Select(t => (t.Comparator, t.Value, t.Unit, t.Period, t.Scope)));
        Assert.DoesNotContain(draft.Targets, t => t.Value == 1000m || t.Unit == "年");
        Assert.Equal("各县区", draft.Targets[3].ScopeText);
        Assert.Equal("（1）", draft.Targets[3].MeasureLabel);
        Assert.Null(draft.Targets[0].MeasureLabel);
        Assert.Equal("一、", draft.Targets[0].Chapter);
    }

    [Fact]
    public void Cadence_slogans_and_spelled_out_rhythms_are_found_and_the_reporting_cadence_proposed()
    {
        var draft = Draft;
        Assert.Equal(
            [("周调度", "weekly"), ("月通报", "monthly"), ("季通报", "quarterly"), ("年考核", "annual")],
            draft.Cadence.Select(c => (c.Text, c.Frequency)));
        Assert.Equal("市督查室每季度通报进展情况", draft.Cadence[2].Detail);
        Assert.Equal("weekly", draft.ReportingCadence?.Frequency);
    }

    [Fact]
    public void A_table_with_lead_and_cooperating_columns_is_read_by_column_and_the_deadline_is_not_a_unit()
    {
        var draft = Draft;
        Assert.Equal([1, 2], draft.Tasks.Select(t => t.Number));
        Assert.Equal(["建立外资项目库", "编制产业链招商图谱"], draft.Tasks.Select(t => t.Text));
        Assert.Equal([("市商务局", UnitRole.Lead), ("市发展改革委", UnitRole.Cooperating), ("市统计局", UnitRole.Cooperating)], draft.Tasks[0].ResponsibleUnits.Select(u => (u.Name, u.Role)));
        Assert.DoesNotContain(draft.Tasks, t => t.ResponsibleUnits.Any(u => u.Name.Contains('月', StringComparison.Ordinal)));
    }

    [Fact]
    public void Spans_point_at_the_source_text()
    {
        var draft = Draft;
        var measure = draft.Measures[0];
        Assert.StartsWith("1、加强招商引资", ActionPlan.Substring(measure.Span.Start, measure.Span.Length), StringComparison.Ordinal);
        var target = draft.Targets[0];
        Assert.Equal("全市实际使用外资达到15亿美元以上", ActionPlan.Substring(target.Span.Start, target.Span.Length));
        Assert.Equal(11, target.Span.Line);
    }

    [Fact]
    public void A_text_without_numbered_measures_gives_an_empty_draft_with_a_warning()
    {
        var draft = PolicyTextParser.Parse("这是一段没有编号措施的文字。\n第二行。", "XX市");
        Assert.Empty(draft.Measures);
        Assert.NotEmpty(draft.Warnings);
    }

    [Fact]
    public void Unit_lists_separated_by_commas_or_written_without_brackets_after_the_measure_are_read()
    {
        const string text = """
            2022年XX市外资工作要点
            一、重点工作
            （一）优化营商环境。持续优化外资企业服务。（牵头单位：市商务局，配合单位：市财政局、市税务局）
            （二）强化要素保障。保障重大外资项目用地需求。
            责任单位：市自然资源局、市发展改革委。
            （三）加强统计监测。按月监测外资到位情况。
            """;
        var draft = PolicyTextParser.Parse(text, "XX市");
        Assert.Equal([("市商务局", UnitRole.Lead), ("市财政局", UnitRole.Cooperating), ("市税务局", UnitRole.Cooperating)], draft.Measures[0].ResponsibleUnits.Select(u => (u.Name, u.Role)));
        Assert.Equal([("市自然资源局", UnitRole.Responsible), ("市发展改革委", UnitRole.Responsible)], draft.Measures[1].ResponsibleUnits.Select(u => (u.Name, u.Role)));
        Assert.Equal("保障重大外资项目用地需求。", draft.Measures[1].Body);
        Assert.Empty(draft.Measures[2].ResponsibleUnits);
    }

    [Fact]
    public void Articles_of_a_regulation_are_read_as_measures_within_their_chapters()
    {
        const string text = """
            XX市外商投资企业投诉工作办法
            第一章　总则
            第一条　为规范外商投资企业投诉工作，制定本办法。
            第二条　市商务局负责全市投诉工作的统筹协调。（责任单位：市商务局）
            第二章　投诉处理
            第三条　投诉机构应当在受理之日起不超过60个工作日内作出处理决定。（责任单位：市投诉中心）
            """;
        var draft = PolicyTextParser.Parse(text, "XX市");
        Assert.Equal(["第一章", "第二章"], draft.Chapters.Select(c => c.Label));
        Assert.Equal(["第一条", "第二条", "第三条"], draft.Measures.Select(m => m.Label));
        Assert.Equal(["第一章", "第一章", "第二章"], draft.Measures.Select(m => m.Chapter));
        Assert.Equal([("市投诉中心", UnitRole.Responsible)], draft.Measures[2].ResponsibleUnits.Select(u => (u.Name, u.Role)));
        var target = Assert.Single(draft.Targets);
        Assert.Equal((Comparator.AtMost, 60m, "工作日", "each"), (target.Comparator, target.Value, target.Unit, target.Scope));
    }

    [Theory]
    [InlineData("（三） 强化服务。内容。", "（三）", 3)]
    [InlineData("(十二) 充分发挥作用。", "（十二）", 12)]
    [InlineData("（二强化利用外资政策支持", "（二）", 2)]
    [InlineData("二十五、建立机制", "二十五、", 25)]
    [InlineData("１５．持续打造一流营商环境。", "15.", 15)]
    [InlineData("(3) 落实政策", "（3）", 3)]
    [InlineData("三是创新开展活动。", "三是", 3)]
    [InlineData("第十二条　投诉处理", "第十二条", 12)]
    public void Labels_are_recognised_in_their_written_forms(string line, string normalised, int number)
    {
        var label = Labels.Find(line);
        Assert.NotNull(label);
        Assert.Equal(normalised, label.Normalised);
        Assert.Equal(number, label.Number);
    }

    [Theory]
    [InlineData("14.84平方公里的范围")]
    [InlineData("2021年全市实际利用外资")]
    [InlineData("各县区要落实")]
    public void Numbers_that_are_not_labels_are_not_read_as_labels(string line) => Assert.Null(Labels.Find(line));

    [Theory]
    [InlineData(15)]
    [InlineData(30)]
    public void Figures_NoQuantityCanHold_AreNotReadAsTargets(int digits)
    {
        var draft = PolicyTextParser.Parse($"2021年防城港市方案\n一、工作目标\n2021年全市实际利用外资工作目标{new string('7', digits)}万美元。\n二、主要任务\n（一）探针措施\n落实。〔市商务局牵头〕", "防城港市");
        Assert.Empty(draft.Targets);
        Assert.Single(draft.Measures);
    }
}
