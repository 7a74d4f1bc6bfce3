using System.Globalization;
using System.Text.RegularExpressions;

using PolicyApi.Domain.Documents;

namespace PolicyApi.Domain.Importing;

/// <summary>One row of a task decomposition table as printed, before it is linked to the main text.</summary>
/// <param name="TextSource">The task's cells, with where each character came from (targets in a row are read from it).</param>
/// <param name="Deadline">The 完成时限 cell as written, when the table has that column.</param>
internal sealed record TableRow(int Number, string? KeyWork, string Text, IReadOnlyList<DraftUnit> Units, int Page, Fragment Source, Fragment TextSource, string? Deadline);

/// <summary>A 重点工作 cell printed on a row of its own (a merged cell whose text fell below the rows it spans).</summary>
internal sealed record KeyWorkOnly(string KeyWork, int Page, int AfterNumber);

/// <summary>The rows read, and what could not be read, each warning naming its line.</summary>
internal sealed record TaskTable(IReadOnlyList<TableRow> Rows, IReadOnlyList<KeyWorkOnly> LooseKeyWorks, IReadOnlyList<string> Warnings);

/// <summary>
/// Reads task decomposition tables (任务分解表, 任务分工表) whose columns are separated by tabs: a header row naming the
/// columns (重点工作, 序号, 主要任务和举措 / 工作任务, 责任部门 / 牵头单位 / 配合单位, 完成时限), repeated on every page,
/// rows with a number, and merged 重点工作 cells printed on one row of the run they span.
/// </summary>
internal static partial class TaskTableParser
{
    public static TaskTable Parse(IReadOnlyList<SourceLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var rows = new List<TableRow>();
        var loose = new List<KeyWorkOnly>();
        var warnings = new List<string>();
        var unread = new List<SourceLine>();
        Columns? columns = null;
        SourceLine? header = null;
        var page = 0;
        var tableLines = lines.Where(l => l.IsTableRow).ToList();
        for (var i = 0; i < tableLines.Count; i++)
        {
            var line = tableLines[i];
            var cells = line.Raw.Split('\t').Select(c => Clean(c)).ToList();
            if (cells.Any(c => c is "序号" or "编号"))
            {
                columns = Columns.From(cells);
                header = line;
                page++;
                warnings.AddRange(columns.Problems(line.Number));
                continue;
            }

            var numberIndex = cells.FindIndex(c => NumberCell().IsMatch(c));
            if (columns is null)
            {
                if (cells.Count(c => c.Length > 0) > 1)
                {
                    unread.Add(line);
                }

                continue;
            }

            if (numberIndex < 0)
            {
                var texts = cells.Where(c => c.Length > 0).ToList();
                if (texts.Count == 1 && rows.Count > 0 && cells.FindIndex(c => c.Length > 0) <= columns.Number)
                {
                    loose.Add(new KeyWorkOnly(texts[0], page, rows[^1].Number));
                }
                else if (texts.Count > 1 && !(tableLines[i - 1] == header && texts.All(t => t.Length <= 8 && !t.Contains('。') && !t.Contains('，'))))
                {
                    // Right under the header, short words are a second header line (任务 | 措施) under a merged cell; anything else is a row.
                    warnings.Add($"Line {line.Number}: a table row without a number in its 序号 column (header on line {header!.Number}); it was not read.");
                }

                continue;
            }

            if (cells.Count != columns.Count)
            {
                warnings.Add($"Line {line.Number}: the row has {cells.Count} cells where its header (line {header!.Number}) has {columns.Count}; " +
                    "its cells were read by position and may be in the wrong columns.");
            }

            var row = ReadRow(line, cells, numberIndex, columns, page);
            if (row.Text.Length == 0)
            {
                warnings.Add($"Line {line.Number}: row {row.Number} has no task text; write it in before committing.");
            }

            rows.Add(row);
        }

        if (unread.Count > 0)
        {
            warnings.Insert(0, $"Line {unread[0].Number}: a table row (cells separated by tabs) with no header row naming its columns (序号, 工作任务, 牵头单位, 配合单位 …) before it; " +
                $"{unread.Count} such row(s) were not read.");
        }

        return new TaskTable(rows, loose, warnings);
    }

    private static TableRow ReadRow(SourceLine line, List<string> cells, int numberIndex, Columns columns, int page)
    {
        var number = int.Parse(cells[numberIndex], CultureInfo.InvariantCulture);
        var cellSources = CellSources(line);
        var units = new List<DraftUnit>();
        string? deadline = null;
        List<int> keyWork;
        List<int> text;
        if (cells.Count == columns.Count && numberIndex == columns.Number)
        {
            // The row has the header's shape: read each cell by its column's name.
            keyWork = [.. columns.KeyWork];
            text = [.. columns.Text];
            foreach (var (column, role) in columns.Units)
            {
                units.AddRange(ReadUnits(cells[column], role));
            }

            deadline = columns.Deadline is { } d && cells[d].Length > 0 ? cells[d] : null;
            if (text.All(i => cells[i].Length == 0))
            {
                text = [.. Enumerable.Range(0, cells.Count).Where(i => i != numberIndex && !columns.KeyWork.Contains(i) && !columns.Units.Any(u => u.Column == i) && !columns.Other.Contains(i) && i != columns.Deadline)];
            }
        }
        else
        {
            // Merged cells shift the columns: the key work is left of the number, the deadline (when the table has one)
            // is the last filled cell, the units are the filled cells before it, and what lies between is the task.
            keyWork = [.. Enumerable.Range(0, numberIndex).Where(i => cells[i].Length > 0)];
            var after = Enumerable.Range(numberIndex + 1, cells.Count - numberIndex - 1).Where(i => cells[i].Length > 0).ToList();
            if (columns.Deadline is not null && after.Count > 1 && DeadlineCell().IsMatch(cells[after[^1]]))
            {
                deadline = cells[after[^1]];
                after.RemoveAt(after.Count - 1);
            }

            var unitCells = Math.Max(0, Math.Min(columns.Units.Count, after.Count - 1));
            text = [.. after.SkipLast(unitCells)];
            var unitColumns = after.TakeLast(unitCells).ToList();
            for (var i = 0; i < unitColumns.Count; i++)
            {
                units.AddRange(ReadUnits(cells[unitColumns[i]], columns.Units[columns.Units.Count - unitColumns.Count + i].Role));
            }
        }

        var keyWorkText = string.Concat(keyWork.Select(i => cells[i]));
        var textSource = new Fragment();
        foreach (var i in text)
        {
            textSource.Append(cellSources[i]);
        }

        return new TableRow(number, keyWorkText.Length > 0 ? keyWorkText : null, string.Concat(text.Select(i => cells[i])), units, page, line.Clean, textSource, deadline);
    }

    /// <summary>Each tab-separated cell of the line as cleaned text that knows where it came from.</summary>
    private static List<Fragment> CellSources(SourceLine line)
    {
        var sources = new List<Fragment>();
        var start = 0;
        for (var i = 0; i <= line.Raw.Length; i++)
        {
            if (i == line.Raw.Length || line.Raw[i] == '\t')
            {
                sources.Add(line.Clean.Within(line.Start + start, line.Start + i));
                start = i + 1;
            }
        }

        return sources;
    }

    private static IEnumerable<DraftUnit> ReadUnits(string cell, UnitRole role) =>
        UnitListParser.Parse(cell).Units.Select(u => role == UnitRole.Responsible ? u : u with { Role = role });

    private static string Clean(string cell) => Spaces().Replace(cell, m =>
        m.Index > 0 && m.Index + m.Length < cell.Length && IsLatin(cell[m.Index - 1]) && IsLatin(cell[m.Index + m.Length]) ? " " : string.Empty).Trim();

    private static bool IsLatin(char c) => c < 128 && char.IsLetterOrDigit(c);

    private sealed record Columns(int Count, int Number, IReadOnlyList<int> KeyWork, IReadOnlyList<int> Text, IReadOnlyList<(int Column, UnitRole Role)> Units, IReadOnlyList<int> Other, int? Deadline)
    {
        /// <summary>What a header that names no task or no unit column means for its rows.</summary>
        public IEnumerable<string> Problems(int line)
        {
            if (Text.Count == 0)
            {
                yield return $"Line {line}: the table header names no task column (工作任务, 主要任务, 具体措施 …); each row's task is read from the cells no other column claims.";
            }

            if (Units.Count == 0)
            {
                yield return $"Line {line}: the table header names no unit column (牵头单位, 配合单位, 责任单位 …); the rows under it have no responsible units.";
            }
        }

        public static Columns From(List<string> cells)
        {
            var number = -1;
            var keyWork = new List<int>();
            var text = new List<int>();
            var units = new List<(int, UnitRole)>();
            var other = new List<int>();
            int? deadline = null;
            for (var i = 0; i < cells.Count; i++)
            {
                var cell = cells[i];
                if (cell is "序号" or "编号")
                {
                    number = i;
                }
                else if (KeyWorkHeader().IsMatch(cell))
                {
                    keyWork.Add(i);
                }
                else if (cell.Contains("牵头", StringComparison.Ordinal))
                {
                    units.Add((i, UnitRole.Lead));
                }
                else if (cell.Contains("配合", StringComparison.Ordinal) || cell.Contains("协办", StringComparison.Ordinal) || cell.Contains("参与", StringComparison.Ordinal))
                {
                    units.Add((i, UnitRole.Cooperating));
                }
                else if (cell.Contains("责任", StringComparison.Ordinal) || cell.Contains("负责", StringComparison.Ordinal) || cell.EndsWith("单位", StringComparison.Ordinal) || cell.EndsWith("部门", StringComparison.Ordinal))
                {
                    units.Add((i, UnitRole.Responsible));
                }
                else if (deadline is null && DeadlineHeader().IsMatch(cell))
                {
                    deadline = i;
                }
                else if (cell.Contains("时限", StringComparison.Ordinal) || cell.Contains("时间", StringComparison.Ordinal) || cell.Contains("备注", StringComparison.Ordinal) || cell.Contains("进度", StringComparison.Ordinal))
                {
                    other.Add(i);
                }
                else if (number < 0 && cell.Length > 0)
                {
                    keyWork.Add(i);
                }
                else if (cell.Length > 0)
                {
                    text.Add(i);
                }
            }

            if (keyWork.Count == 0 && text.Count >= 2 && GroupHeader().IsMatch(cells[text[0]]) && TaskHeader().IsMatch(cells[text[1]]))
            {
                // 重点任务 | 工作措施: of two task columns, the first names the group the second's rows belong to.
                keyWork.Add(text[0]);
                text.RemoveAt(0);
            }

            return new Columns(cells.Count, number, keyWork, text, units, other, deadline);
        }
    }

    [GeneratedRegex(@"^[0-9]{1,3}$")]
    private static partial Regex NumberCell();

    [GeneratedRegex(@"重点工作|类别|重点领域|工作板块")]
    private static partial Regex KeyWorkHeader();

    [GeneratedRegex(@"任务|工作|事项|领域")]
    private static partial Regex GroupHeader();

    [GeneratedRegex(@"措施|举措|内容|任务")]
    private static partial Regex TaskHeader();

    [GeneratedRegex(@"时限|完成时间|时间节点|完成期限")]
    private static partial Regex DeadlineHeader();

    // A cell that reads as a point in time or a standing commitment: 2022年6月底前, 年底前, 长期坚持, 持续推进.
    [GeneratedRegex(@"(20[0-9]{2}年|[0-9]{1,2}月|年底|年内|季度|半年|长期|持续|常态)")]
    private static partial Regex DeadlineCell();

    [GeneratedRegex(@"[ \u3000\u00A0]+")]
    private static partial Regex Spaces();
}
