namespace PolicyApi.Domain.Importing;

/// <summary>The measures a task table gives when it is all the document has: its rows, grouped in chapters by their 重点工作.</summary>
/// <param name="Texts">Each row's task text with the measure it became, to read targets and rhythm from.</param>
internal sealed record TableMeasures(IReadOnlyList<DraftChapter> Chapters, IReadOnlyList<DraftMeasure> Measures, IReadOnlyList<(Fragment Text, DraftMeasure Measure)> Texts)
{
    /// <summary>
    /// Each row becomes a measure of kind task labelled with its 序号, titled with the first sentence of its task and
    /// keeping its units with their column's role and its 完成时限. A 重点工作 (类别) cell spans the rows below it until
    /// the next one, and each becomes a chapter, numbered after the chapters the text has (一、二、… unless the cell
    /// carries its own label).
    /// </summary>
    public static TableMeasures Read(TaskTable table, IReadOnlyList<DraftChapter> textChapters, LineIndex index)
    {
        var chapters = new List<DraftChapter>();
        var chapterOf = new Dictionary<string, DraftChapter>(StringComparer.Ordinal);
        var measures = new List<DraftMeasure>();
        var texts = new List<(Fragment, DraftMeasure)>();
        string? keyWork = null;
        foreach (var row in table.Rows)
        {
            keyWork = row.KeyWork ?? keyWork;
            DraftChapter? chapter = null;
            if (keyWork is not null && !chapterOf.TryGetValue(keyWork, out chapter))
            {
                chapter = ChapterOf(keyWork, textChapters.Count + chapters.Count + 1, row.Source.Span(index));
                chapters.Add(chapter);
                chapterOf[keyWork] = chapter;
            }

            var (title, body) = TitleAndBody(row.Text);
            var measure = new DraftMeasure(measures.Count + 1, row.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), null, false, chapter?.Label, null, null,
                title, body, Documents.MeasureKind.Task, row.Units, false, null, [], row.Source.Span(index), row.Deadline);
            measures.Add(measure);
            texts.Add((row.TextSource, measure));
        }

        return new TableMeasures(chapters, measures, texts);
    }

    private static DraftChapter ChapterOf(string keyWork, int number, SourceSpan span)
    {
        var label = Labels.Find(keyWork);
        return label is { Style: LabelStyle.Chapter }
            ? new DraftChapter(label.Normalised, keyWork[label.RestStart..].TrimEnd('。', '：', ':'), span)
            : new DraftChapter(Labels.Format(LabelStyle.Chapter, number), keyWork.TrimEnd('。', '：', ':'), span);
    }

    /// <summary>The first sentence is the title (cut to the longest a title may be); what follows, if anything, the body.</summary>
    private static (string Title, string? Body) TitleAndBody(string text)
    {
        var end = text.IndexOfAny(['。', '；']);
        var title = end < 0 ? text : text[..end];
        var body = end < 0 || end == text.Length - 1 ? null : text[(end + 1)..].Trim();
        return (title.Length <= TextLimits.MeasureTitle ? title : title[..TextLimits.MeasureTitle], body);
    }
}
