using System.Globalization;
using System.Text.RegularExpressions;
using PolicyApi.Domain.Documents;
using PolicyApi.Domain.Targets;

namespace PolicyApi.Domain.Importing;

/// <summary>
/// Reads the plain text of a Chinese policy document — as extracted from PDF, with lines broken
/// mid-sentence, page numbers, full- and half-width brackets and damaged labels — and proposes its
/// structure: metadata, chapters, measures with their labels and parents, responsible units with
/// roles, blanket assignments, task-table rows, quantitative targets and supervision rhythm. Pure code:
/// no database, no clock, the same text always gives the same draft.
/// </summary>
public static partial class PolicyTextParser
{
    private static readonly string[] FramingChapterWords = ["总体要求", "指导思想", "总体思路", "基本原则", "总体目标", "主要目标", "发展目标"];

    public static ImportDraft Parse(string text, string region)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(region);
        var source = text.Replace("\uFEFF", " ", StringComparison.Ordinal);
        var index = new LineIndex(source);
        var lines = SplitLines(source);
        var warnings = new List<string>();

        var bodyStart = FindBodyStart(lines);
        var bodyEnd = bodyStart < 0 ? -1 : FindBodyEnd(lines, bodyStart);
        var front = bodyStart < 0 ? lines : lines.Take(bodyStart).ToList();
        var meta = ReadMetadata(lines, front);

        var structure = bodyStart < 0 ? new Structure() : ReadStructure(lines.Skip(bodyStart).Take(bodyEnd - bodyStart).ToList());
        var table = TaskTableParser.Parse(lines);
        warnings.AddRange(meta.Warnings);
        warnings.AddRange(table.Warnings);
        var (chapters, measures, tasks, texts) = ReadBody(structure, table, front, meta, index);
        if (measures.Count == 0)
        {
            warnings.Add("No numbered measures were recognised in the text.");
        }

        var targets = new List<DraftTarget>();
        var cadence = new List<DraftCadence>();
        foreach (var (fragment, measure, chapterLabel) in texts)
        {
            foreach (var t in TargetExtractor.Find(fragment.Text, meta.Year))
            {
                var comparator = t.Comparator switch { "<=" => Comparator.AtMost, "=" => Comparator.Exactly, _ => Comparator.AtLeast };
                targets.Add(new DraftTarget(t.Text, t.Indicator, comparator, t.Value, t.Unit, Accumulations.ForUnitOfMeasure(t.Unit), t.Year?.ToString(CultureInfo.InvariantCulture),
                    t.Scope, t.ScopeText, t.Growth, measure?.Label, measure?.Sequence, chapterLabel, fragment.SpanOf(t.Start, t.Length, index)));
            }

            foreach (var c in CadenceExtractor.Find(fragment.Text))
            {
                cadence.Add(new DraftCadence(c.Text, c.Frequency, c.Purpose, measure?.Label, measure?.Sequence, chapterLabel, c.Detail,
                    fragment.SpanOf(c.Start, c.Length, index)));
            }
        }

        return DraftReview.Complete(source, new ImportDraft(
            meta.Title, meta.EnclosedTitle, meta.DocNumber, meta.Issuer, meta.IssuedOn, region, meta.Kind, meta.Year,
            chapters, measures, tasks, targets, cadence, ProposeReportingCadence(cadence), warnings));
    }

    private sealed record Body(List<DraftChapter> Chapters, List<DraftMeasure> Measures, List<DraftTask> Tasks, List<(Fragment Text, DraftMeasure? Measure, string? Chapter)> Texts);

    /// <summary>
    /// Chapters, measures and task rows, and the texts to read targets from: the numbered text with the table's rows
    /// linked to its measures, or — when nothing in the text is numbered — the table's rows as the measures.
    /// </summary>
    private static Body ReadBody(Structure structure, TaskTable table, List<SourceLine> front, Metadata meta, LineIndex index)
    {
        var chapters = structure.Chapters.Select(c => new DraftChapter(c.LabelText, c.Title, c.Span(index))).ToList();
        var measures = BuildMeasures(structure, index);
        var texts = TextsForReading(structure, measures, front, meta).ToList();
        if (structure.Items.Count == 0 && table.Rows.Count > 0)
        {
            // A task table (任务分工表) with no numbered text to hang on: its rows are the measures.
            var rows = TableMeasures.Read(table, chapters, index);
            chapters.AddRange(rows.Chapters);
            texts.InsertRange(texts.Count - 1, rows.Texts.Select(t => (t.Text, (DraftMeasure?)t.Measure, t.Measure.Chapter)));
            return new Body(chapters, [.. rows.Measures], [], texts);
        }

        if (table.Rows.Count == 0)
        {
            return new Body(chapters, measures, [], texts);
        }

        var tasks = LinkTasks(table, measures, structure, index);
        measures = measures.Select(m => m with
        {
            TaskNumbers = tasks.Where(t => t.MeasureSequence == m.Sequence).Select(t => t.Number).ToList(),
        }).ToList();
        return new Body(chapters, measures, tasks, texts);
    }

    // ---- lines ------------------------------------------------------------------------------------

    private static List<SourceLine> SplitLines(string text)
    {
        var lines = new List<SourceLine>();
        var start = 0;
        var number = 1;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '\n')
            {
                continue;
            }

            var length = i - start;
            if (length > 0 && text[start + length - 1] == '\r')
            {
                length--;
            }

            var raw = text.Substring(start, length);
            var clean = Fragment.Clean(text, start, length);
            if (clean.Length > 0 && !PageNumber().IsMatch(clean.Text))
            {
                lines.Add(new SourceLine(number, start, raw, clean));
            }

            start = i + 1;
            number++;
        }

        return lines;
    }

    private static int FindBodyStart(List<SourceLine> lines)
    {
        foreach (var style in new[] { LabelStyle.Chapter, LabelStyle.Bracketed, LabelStyle.Numbered })
        {
            var found = lines.FindIndex(l => !l.IsTableRow && Labels.Find(l.Text) is { } label && label.Style == style && label.Number == 1);
            if (found >= 0)
            {
                return found;
            }
        }

        return -1;
    }

    private static int FindBodyEnd(List<SourceLine> lines, int start)
    {
        for (var i = start + 1; i < lines.Count; i++)
        {
            var text = lines[i].Text;
            if (lines[i].IsTableRow || Annex().IsMatch(text) || Trailer().IsMatch(text))
            {
                return i;
            }

            if (ReadDate(text) is not null)
            {
                return i > start + 1 && IsOrganisation(lines[i - 1].Text) ? i - 1 : i;
            }
        }

        return lines.Count;
    }

    // ---- metadata -----------------------------------------------------------------------------------

    private sealed record Metadata(string? Title, string? EnclosedTitle, string? DocNumber, string? Issuer, DateOnly? IssuedOn, DocumentKind Kind, int? Year, int TitleEndLine, IReadOnlyList<string> Warnings);

    private static Metadata ReadMetadata(List<SourceLine> all, List<SourceLine> front)
    {
        var (docNumber, warnings) = ReadDocNumber(front);

        string? title = null;
        var titleEnd = -1;
        for (var i = 0; i < front.Count && title is null; i++)
        {
            var t = front[i].Text;
            if (!t.Contains("关于", StringComparison.Ordinal) || t.Length > 80 || t.EndsWith("文件", StringComparison.Ordinal) || SentencePunctuation().IsMatch(t))
            {
                continue;
            }

            var joined = t;
            var j = i;
            while (!DocumentKindEnding().IsMatch(joined) && j + 1 < front.Count && j < i + 2 && !SentencePunctuation().IsMatch(front[j + 1].Text))
            {
                j++;
                joined += front[j].Text;
            }

            if (DocumentKindEnding().IsMatch(joined))
            {
                title = joined;
                titleEnd = j;
            }
        }

        if (title is null)
        {
            titleEnd = front.FindIndex(l => IsStandaloneTitle(l.Text));
            title = titleEnd >= 0 ? front[titleEnd].Text : null;
        }

        var enclosed = titleEnd < 0 ? null : front.Skip(titleEnd + 1).Select(l => l.Text)
            .FirstOrDefault(t => IsStandaloneTitle(t) && !t.Contains("关于", StringComparison.Ordinal) && t != title);

        DateOnly? issuedOn = null;
        string? issuer = null;
        for (var i = 0; i < all.Count; i++)
        {
            if (ReadDate(all[i].Text) is { } date)
            {
                issuedOn = date;
                if (i > 0 && IsOrganisation(all[i - 1].Text))
                {
                    issuer = all[i - 1].Text.TrimEnd('：', ':');
                }

                break;
            }
        }

        var kindSource = enclosed ?? title ?? string.Empty;
        var kind = kindSource.Contains("建设方案", StringComparison.Ordinal) ? DocumentKind.ConstructionPlan
            : kindSource.Contains("实施意见", StringComparison.Ordinal) || kindSource.Contains("意见", StringComparison.Ordinal) ? DocumentKind.ImplementationOpinions
            : kindSource.Contains("措施", StringComparison.Ordinal) ? DocumentKind.Measures
            : kindSource.Contains("方案", StringComparison.Ordinal) || kindSource.Contains("计划", StringComparison.Ordinal) ? DocumentKind.WorkPlan
            : DocumentKind.Other;
        var yearMatch = TitleYear().Match(title ?? string.Empty);
        if (!yearMatch.Success && enclosed is not null)
        {
            yearMatch = TitleYear().Match(enclosed);
        }

        int? year = yearMatch.Success ? int.Parse(yearMatch.Groups["y"].Value, CultureInfo.InvariantCulture) : null;
        var titleEndLine = titleEnd < 0 ? -1 : front[titleEnd].Number;
        return new Metadata(title, enclosed, docNumber, issuer, issuedOn, kind, year, titleEndLine, warnings);
    }

    /// <summary>The 文号 of the front matter; a second, different one is a warning naming its line (two notices pasted together?).</summary>
    private static (string? DocNumber, List<string> Warnings) ReadDocNumber(List<SourceLine> front)
    {
        var found = front
            .Select(line => (Line: line, Match: DocNumberLine().Match(line.Text)))
            .Where(x => x.Match.Success)
            .Select(x => (x.Line.Number, Text: x.Match.Groups["org"].Value + "〔" + x.Match.Groups["y"].Value + "〕" + x.Match.Groups["n"].Value + "号"))
            .ToList();
        var warnings = found.Skip(1).Where(f => f.Text != found[0].Text)
            .Select(f => $"Line {f.Number}: a second 文号 {f.Text}; the document is read as {found[0].Text} (line {found[0].Number}). Is this two documents in one text?")
            .ToList();
        return (found.Count == 0 ? null : found[0].Text, warnings);
    }

    private static bool IsStandaloneTitle(string text) =>
        text.Length <= 80 && DocumentKindEnding().IsMatch(text) && !SentencePunctuation().IsMatch(text)
        && !text.StartsWith('-') && Labels.Find(text) is null && !text.StartsWith("附件", StringComparison.Ordinal);

    private static bool IsOrganisation(string text) =>
        text.Length <= 40 && Organisation().IsMatch(text) && !text.Contains('，', StringComparison.Ordinal) && !text.Contains('。', StringComparison.Ordinal);

    private static DateOnly? ReadDate(string text)
    {
        var m = DateLine().Match(text);
        if (m.Success)
        {
            var y = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
            var mo = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
            var d = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
            return IsDate(y, mo, d) ? new DateOnly(y, mo, d) : null;
        }

        m = ChineseDateLine().Match(text);
        if (m.Success)
        {
            var y = int.Parse(string.Concat(m.Groups["y"].Value.Select(c => (char)('0' + (c == '〇' ? 0 : Labels.ParseChinese(c.ToString()) ?? 0)))), CultureInfo.InvariantCulture);
            var mo = Labels.ParseChinese(m.Groups["m"].Value) ?? 0;
            var d = Labels.ParseChinese(m.Groups["d"].Value) ?? 0;
            return IsDate(y, mo, d) ? new DateOnly(y, mo, d) : null;
        }

        return null;
    }

    private static bool IsDate(int y, int m, int d) => y is >= 1949 and <= 2200 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m);

    // ---- structure ----------------------------------------------------------------------------------

    private sealed class ChapterBlock(FoundLabel label, string title, SourceLine line)
    {
        public FoundLabel Label { get; } = label;

        public string Title { get; } = title;

        public SourceLine Line { get; } = line;

        public Fragment Text { get; } = new();

        public SourceSpan Span(LineIndex index) => Line.Clean.Span(index);

        public string LabelText => Label.Normalised;
    }

    private sealed class ItemBlock
    {
        public FoundLabel? Label { get; set; }

        public LabelStyle Style { get; set; }

        public int Number { get; set; }

        public bool Repaired { get; set; }

        public ChapterBlock? Chapter { get; init; }

        public required SourceLine FirstLine { get; init; }

        public string? TitleLine { get; set; }

        public Fragment Text { get; } = new();

        public Fragment? UnitsContinuation { get; set; }

        public int Sequence { get; set; }

        public ItemBlock? Parent { get; set; }

        public int LastOffset { get; set; }
    }

    private sealed class Structure
    {
        public List<ChapterBlock> Chapters { get; } = [];

        public List<ItemBlock> Items { get; } = [];

        public Fragment Closing { get; } = new();
    }

    private static Structure ReadStructure(List<SourceLine> body)
    {
        var structure = new Structure();
        var lengths = body.Where(l => !l.IsTableRow).Select(l => l.Text.Length).Order().ToList();
        var typicalWidth = lengths.Count == 0 ? 40 : lengths[(int)(lengths.Count * 0.8)];
        var lastNumber = new Dictionary<LabelStyle, int>();
        ChapterBlock? chapter = null;
        ItemBlock? item = null;
        for (var i = 0; i < body.Count; i++)
        {
            var line = body[i];
            var label = Labels.Find(line.Text);
            if (label is not null && !Plausible(label, lastNumber))
            {
                label = null;
            }

            if (label is { Style: LabelStyle.Chapter })
            {
                lastNumber[label.Style] = label.Number;
                chapter = new ChapterBlock(label, line.Text[label.RestStart..].TrimEnd('。', '：', ':'), line);
                structure.Chapters.Add(chapter);
                item = null;
                continue;
            }

            if (label is not null)
            {
                lastNumber[label.Style] = label.Number;
                item = new ItemBlock { Label = label, Style = label.Style, Number = label.Number, Chapter = chapter, FirstLine = line, LastOffset = line.Start + line.Raw.Length };
                var rest = line.Clean.Slice(label.RestStart, line.Clean.Length - label.RestStart);
                var nextIsLabel = i + 1 >= body.Count || Labels.Find(body[i + 1].Text) is not null;
                if (!SentencePunctuation().IsMatch(rest.Text) && (rest.Length < typicalWidth * 0.6 || nextIsLabel) && rest.Length <= 60)
                {
                    item.TitleLine = rest.Text.TrimEnd('。', '：', ':', ' ');
                }

                item.Text.Append(rest);
                structure.Items.Add(item);
                continue;
            }

            if (item is not null && UnitsClosed(item))
            {
                if (line.Text[0] is '、' or '，' or ',')
                {
                    item.UnitsContinuation ??= new Fragment();
                    item.UnitsContinuation.Append(line.Clean);
                    continue;
                }

                if (!SentencePunctuation().IsMatch(line.Text) && !line.Text.Contains('，', StringComparison.Ordinal)
                    && line.Text.Length <= 40 && line.Text.Length < typicalWidth * 0.6 && i + 1 < body.Count && Labels.Find(body[i + 1].Text) is null)
                {
                    // A heading whose label was lost in extraction; its number is repaired below.
                    item = new ItemBlock { Label = null, Style = item.Style, Chapter = chapter, FirstLine = line, TitleLine = line.Text, LastOffset = line.Start + line.Raw.Length };
                    structure.Items.Add(item);
                    continue;
                }

                item = null;
            }

            if (item is not null)
            {
                item.Text.Append(line.Clean);
                item.LastOffset = line.Start + line.Raw.Length;
            }
            else if (chapter is not null && !structure.Items.Any(x => x.Chapter == chapter))
            {
                chapter.Text.Append(line.Clean);
            }
            else
            {
                structure.Closing.Append(line.Clean);
            }
        }

        RepairLabels(structure);
        AssignParents(structure);
        return structure;
    }

    private static bool Plausible(FoundLabel label, Dictionary<LabelStyle, int> lastNumber)
    {
        if (label.Number == 1)
        {
            return true;
        }

        var last = lastNumber.GetValueOrDefault(label.Style);
        return label.Number == last + 1 || label.Number == last + 2 || (label.Style == LabelStyle.Bracketed && label.Number <= last && label.Number > 0);
    }

    private static void RepairLabels(Structure structure)
    {
        for (var i = 0; i < structure.Items.Count; i++)
        {
            var item = structure.Items[i];
            if (item.Label is not null)
            {
                continue;
            }

            var previous = structure.Items.Take(i).LastOrDefault(x => x.Label is not null && x.Chapter == item.Chapter && x.Style == item.Style);
            var next = structure.Items.Skip(i + 1).FirstOrDefault(x => x.Label is not null && x.Chapter == item.Chapter && x.Style == item.Style);
            var number = previous is not null && next is not null && next.Number == previous.Number + 2 ? previous.Number + 1
                : previous is null && next is { Number: 2 } ? 1
                : (int?)null;
            if (number is null)
            {
                continue;
            }

            item.Number = number.Value;
            item.Repaired = true;
        }

        // A heading that could not be numbered is not a heading: its text belongs to the item before it.
        for (var i = structure.Items.Count - 1; i >= 0; i--)
        {
            var item = structure.Items[i];
            if (item.Label is null && !item.Repaired)
            {
                if (i > 0)
                {
                    structure.Items[i - 1].Text.Append(Fragment.Clean(item.FirstLine.Raw, 0, item.FirstLine.Raw.Length));
                    structure.Items[i - 1].Text.Append(item.Text);
                }

                structure.Items.RemoveAt(i);
            }
        }

        for (var i = 0; i < structure.Items.Count; i++)
        {
            structure.Items[i].Sequence = i + 1;
        }
    }

    private static void AssignParents(Structure structure)
    {
        for (var i = 0; i < structure.Items.Count; i++)
        {
            var item = structure.Items[i];
            for (var j = i - 1; j >= 0; j--)
            {
                var candidate = structure.Items[j];
                if (candidate.Chapter != item.Chapter)
                {
                    break;
                }

                if (candidate.Style < item.Style && (item.Style != LabelStyle.Ordinal || candidate.Style != LabelStyle.Ordinal))
                {
                    item.Parent = candidate;
                    break;
                }
            }
        }
    }

    private static bool UnitsClosed(ItemBlock item) => FinalUnitBracket(item.Text.Text) is not null;

    /// <summary>The unit list that closes a measure: a final bracket group, or an unbracketed 责任单位：… sentence.</summary>
    private static (int Open, string Content)? UnitList(string text) =>
        FinalUnitBracket(text) ?? (UnitListParser.FindTrailingList(text) is { } trailing ? (trailing.Start, trailing.Content) : null);

    /// <summary>The start of the bracket group that ends the text and reads as a unit list, if there is one.</summary>
    private static (int Open, string Content)? FinalUnitBracket(string text)
    {
        var trimmed = text.TrimEnd(' ', '。', '；');
        if (trimmed.Length < 3 || trimmed[^1] is not ('）' or ')' or '〕' or ']' or '］' or '】'))
        {
            return null;
        }

        var depth = 0;
        for (var i = trimmed.Length - 1; i >= 0; i--)
        {
            var c = trimmed[i];
            if (c is '）' or ')' or '〕' or ']' or '］' or '】')
            {
                depth++;
            }
            else if (c is '（' or '(' or '〔' or '[' or '［' or '【')
            {
                depth--;
                if (depth == 0)
                {
                    var content = trimmed[(i + 1)..^1];
                    return UnitListParser.LooksLikeUnitList(content, c) ? (i, content) : null;
                }
            }
        }

        return null;
    }

    // ---- measures -----------------------------------------------------------------------------------

    private static List<DraftMeasure> BuildMeasures(Structure structure, LineIndex index)
    {
        var measures = new List<DraftMeasure>();
        string? blanket = null;
        var preambleBlanket = UnitListParser.FindBlanketClause(string.Concat(structure.Chapters.Select(c => c.Text.Text)));
        foreach (var item in structure.Items)
        {
            var text = item.Text.Text;
            var units = new List<DraftUnit>();
            string? ownBlanket = null;
            var repairedUnits = false;
            string? unparsedUnits = null;
            var bracket = UnitList(text);
            var content = text;
            if (bracket is { } b)
            {
                var unitText = b.Content;
                if (item.UnitsContinuation is not null)
                {
                    unitText += item.UnitsContinuation.Text.TrimEnd(' ', '。').TrimEnd('）', ')', '〕', ']');
                    repairedUnits = true;
                }

                var list = UnitListParser.Parse(unitText);
                units.AddRange(list.Units);
                ownBlanket = list.Blanket;
                unparsedUnits = list.Unparsed;
                content = text[..b.Open];
            }

            var (title, body) = TitleAndBody(item, content);
            var hasChildren = structure.Items.Any(x => x.Parent == item);
            var framing = item.Chapter is not null && FramingChapterWords.Any(w => item.Chapter.Title.Contains(w, StringComparison.Ordinal)) && units.Count == 0;
            MeasureKind kind;
            if (framing)
            {
                kind = MeasureKind.Framing;
            }
            else if (hasChildren && units.Count == 0 && item.TitleLine is not null && string.IsNullOrWhiteSpace(body))
            {
                kind = MeasureKind.Heading;
            }
            else if (item.Style == LabelStyle.Ordinal || (item.Parent is not null && item.Parent.Style != LabelStyle.Chapter && !IsHeading(item.Parent, structure)))
            {
                kind = MeasureKind.SubItem;
            }
            else
            {
                kind = MeasureKind.Measure;
            }

            var label = item.Label is null ? Labels.Format(item.Style, item.Number) : item.Label.Normalised;
            var asWritten = item.Label is not null && item.Label.AsWritten != label ? item.Label.AsWritten.Trim() : null;
            var applies = kind is MeasureKind.Measure or MeasureKind.SubItem ? blanket ?? preambleBlanket : null;
            var span = new SourceSpan(item.FirstLine.Start, item.LastOffset - item.FirstLine.Start, index.LineOf(item.FirstLine.Start));
            var parent = item.Parent is null ? null : measures[item.Parent.Sequence - 1];
            measures.Add(new DraftMeasure(item.Sequence, label, asWritten, item.Repaired, item.Chapter?.LabelText, parent?.Label, parent?.Sequence,
                title, string.IsNullOrWhiteSpace(body) ? null : body, kind, units, repairedUnits, applies, [], span) { UnparsedUnits = unparsedUnits });
            blanket = ownBlanket ?? UnitListParser.FindBlanketClause(content) ?? blanket;
        }

        return measures;
    }

    private static bool IsHeading(ItemBlock item, Structure structure) =>
        item.TitleLine is not null && FinalUnitBracket(item.Text.Text) is null && structure.Items.Any(x => x.Parent == item);

    private static (string Title, string Body) TitleAndBody(ItemBlock item, string content)
    {
        if (item.TitleLine is not null)
        {
            var title = item.TitleLine;
            var rest = item.Label is null ? content : content.Length >= title.Length && content.StartsWith(title, StringComparison.Ordinal) ? content[title.Length..] : content;
            return (title, rest.Trim());
        }

        var end = -1;
        var depth = 0;
        for (var i = 0; i < content.Length && i < 120; i++)
        {
            var c = content[i];
            if (c is '（' or '(' or '《' or '“')
            {
                depth++;
            }
            else if (c is '）' or ')' or '》' or '”')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0 && (c is '。' or '；' or '！' or '？' || (c is '：' or ':' && i <= 20)))
            {
                end = i;
                break;
            }
        }

        if (end < 0)
        {
            var comma = content.IndexOf('，', StringComparison.Ordinal);
            end = comma is > 0 and <= 60 ? comma : Math.Min(content.Length, 60);
        }

        return (content[..end].Trim(), content[Math.Min(content.Length, end + 1)..].Trim());
    }

    // ---- task table ---------------------------------------------------------------------------------

    private static List<DraftTask> LinkTasks(TaskTable table, List<DraftMeasure> measures, Structure structure, LineIndex index)
    {
        // Each row belongs to the measure whose text it repeats; rows follow the text's order, so the
        // assignment is the monotone one that matches best overall.
        var candidates = measures.Where(m => m.Kind is MeasureKind.Measure or MeasureKind.SubItem && m.Body is not null).ToList();
        var rows = table.Rows;
        var assigned = new int?[rows.Count];
        if (candidates.Count > 0)
        {
            var texts = candidates.Select(m => TextSimilarity.Bigrams(m.Title + m.Body)).ToList();
            var score = new double[rows.Count, candidates.Count];
            for (var r = 0; r < rows.Count; r++)
            {
                var row = TextSimilarity.Bigrams(rows[r].Text);
                for (var c = 0; c < candidates.Count; c++)
                {
                    score[r, c] = TextSimilarity.Coverage(row, texts[c]);
                }
            }

            var best = new double[rows.Count, candidates.Count];
            var from = new int[rows.Count, candidates.Count];
            for (var r = 0; r < rows.Count; r++)
            {
                var runningBest = double.MinValue;
                var runningArg = 0;
                for (var c = 0; c < candidates.Count; c++)
                {
                    if (r == 0)
                    {
                        best[r, c] = score[r, c];
                        continue;
                    }

                    if (best[r - 1, c] > runningBest)
                    {
                        runningBest = best[r - 1, c];
                        runningArg = c;
                    }

                    best[r, c] = runningBest + score[r, c];
                    from[r, c] = runningArg;
                }
            }

            var col = Enumerable.Range(0, candidates.Count).MaxBy(c => best[rows.Count - 1, c]);
            for (var r = rows.Count - 1; r >= 0; r--)
            {
                assigned[r] = score[r, col] >= 0.3 ? col : null;
                col = r > 0 ? from[r, col] : col;
            }
        }

        // 重点工作 is a merged cell printed on one row of the run it spans, sometimes on a row of its own at
        // the foot of a page; each run of rows (same measure, same page) takes what was printed within it.
        var tasks = new List<DraftTask>();
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var measure = assigned[r] is { } a ? candidates[a] : null;
            string? keyWork;
            if (measure is null)
            {
                keyWork = row.KeyWork ?? rows.Take(r).LastOrDefault(x => x.KeyWork is not null)?.KeyWork;
            }
            else
            {
                var run = Enumerable.Range(0, rows.Count).Where(i => assigned[i] == assigned[r]).ToList();
                var samePage = run.Where(i => rows[i].Page == row.Page).ToList();
                keyWork = samePage.Select(i => rows[i].KeyWork).FirstOrDefault(k => k is not null)
                    ?? table.LooseKeyWorks.FirstOrDefault(k => k.Page == row.Page && samePage.Contains(rows.ToList().FindIndex(x => x.Number == k.AfterNumber)))?.KeyWork
                    ?? run.Select(i => rows[i].KeyWork).FirstOrDefault(k => k is not null);
            }

            var missing = keyWork is null;
            tasks.Add(new DraftTask(row.Number, keyWork, missing, missing ? measure?.Title : null, row.Text, row.Units,
                measure?.Label, measure?.Sequence, row.Source.Span(index), row.Deadline));
        }

        return tasks;
    }

    // ---- texts to read for targets and rhythm ---------------------------------------------------------

    /// <summary>The texts targets and rhythm are read from, each with the measure and chapter it belongs to; the closing text comes last.</summary>
    private static IEnumerable<(Fragment Text, DraftMeasure? Measure, string? Chapter)> TextsForReading(Structure structure, List<DraftMeasure> measures, List<SourceLine> front, Metadata meta)
    {
        var preamble = new Fragment();
        foreach (var line in front.Where(l => l.Number > meta.TitleEndLine && !l.IsTableRow))
        {
            preamble.Append(line.Clean);
        }

        yield return (preamble, null, null);
        foreach (var chapter in structure.Chapters)
        {
            yield return (chapter.Text, null, chapter.LabelText);
        }

        foreach (var item in structure.Items)
        {
            var bracket = UnitList(item.Text.Text);
            var text = bracket is { } b ? item.Text.Slice(0, b.Open) : item.Text;
            yield return (text, measures[item.Sequence - 1], item.Chapter?.LabelText);
        }

        yield return (structure.Closing, null, null);
    }

    private static DraftReportingCadence? ProposeReportingCadence(List<DraftCadence> cadence)
    {
        string[] order = ["weekly", "monthly", "quarterly", "semiannual", "annual"];
        var tracking = cadence
            .Where(c => order.Contains(c.Frequency) && c.Purpose is "tracking" or "notification" or "reporting" or "inspection" or "scheduling")
            .OrderBy(c => Array.IndexOf(order, c.Frequency))
            .FirstOrDefault();
        return tracking is null ? null : new DraftReportingCadence(tracking.Frequency, 0, tracking.Text);
    }

    [GeneratedRegex(@"^[-—–－~\s]*(第\s*)?[0-9]{1,3}(\s*页)?[-—–－~\s]*$|^第\s*\d+\s*页")]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"^(?<org>[\p{IsCJKUnifiedIdeographs}A-Za-z]{1,12})[〔\[［(（](?<y>[0-9]{4})[〕\]］)）](?<n>[0-9]{1,4})号$")]
    private static partial Regex DocNumberLine();

    [GeneratedRegex(@"(通知|意见|方案|措施|办法|规划|计划|决定|细则|规定|通告|纲要|要点)》?$")]
    private static partial Regex DocumentKindEnding();

    [GeneratedRegex(@"[，。；：:！？]")]
    private static partial Regex SentencePunctuation();

    // ASCII digits only: int.Parse reads no others (٢٠٢٢年 is not a date here, and not a 500 either).
    [GeneratedRegex(@"^(?<y>[0-9]{4})年(?<m>[0-9]{1,2})月(?<d>[0-9]{1,2})日$")]
    private static partial Regex DateLine();

    [GeneratedRegex(@"^(?<y>[〇零一二三四五六七八九]{4})年(?<m>[一二三四五六七八九十]{1,2})月(?<d>[一二三四五六七八九十]{1,3})日$")]
    private static partial Regex ChineseDateLine();

    [GeneratedRegex(@"(人民政府|政府|委员会|管委会|办公室|办公厅|局|委|厅)[：:]?$")]
    private static partial Regex Organisation();

    [GeneratedRegex(@"^附\s*件(\s*[0-9０-９一二三四五六七八九十：:]|$)")]
    private static partial Regex Annex();

    [GeneratedRegex(@"^[（(]此件|^抄送|印发$")]
    private static partial Regex Trailer();

    [GeneratedRegex(@"(?<y>20[0-9]{2})\s*年")]
    private static partial Regex TitleYear();
}
