using System.Globalization;
using System.Text.RegularExpressions;

using PolicyApi.Domain.Documents;

namespace PolicyApi.Domain.Importing;

/// <summary>One row of a task decomposition table as printed, before it is linked to the main text.</summary>
internal sealed record TableRow(int Number, string? KeyWork, string Text, IReadOnlyList<DraftUnit> Units, int Page, Fragment Source);

/// <summary>A 重点工作 cell printed on a row of its own (a merged cell whose text fell below the rows it spans).</summary>
internal sealed record KeyWorkOnly(string KeyWork, int Page, int AfterNumber);

internal sealed record TaskTable(IReadOnlyList<TableRow> Rows, IReadOnlyList<KeyWorkOnly> LooseKeyWorks);

/// <summary>
/// Reads task decomposition tables (任务分解表) whose columns are separated by tabs: a header row naming the
/// columns (重点工作, 序号, 主要任务和举措, 责任部门 / 牵头单位 / 配合单位), repeated on every page, rows with a
/// number, and merged 重点工作 cells printed on one row of the run they span.
/// </summary>
internal static partial class TaskTableParser
{
    public static TaskTable? Parse(IReadOnlyList<SourceLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var rows = new List<TableRow>();
        var loose = new List<KeyWorkOnly>();
        Columns? columns = null;
        var page = 0;
        foreach (var line in lines.Where(l => l.IsTableRow))
        {
            var cells = line.Raw.Split('\t').Select(c => Clean(c)).ToList();
            if (cells.Any(c => c is "序号" or "编号"))
            {
                columns = Columns.From(cells);
                page++;
                continue;
            }

            if (columns is null)
            {
                continue;
            }

            var numberIndex = cells.FindIndex(c => NumberCell().IsMatch(c));
            if (numberIndex < 0)
            {
                var texts = cells.Where(c => c.Length > 0).ToList();
                if (texts.Count == 1 && rows.Count > 0 && cells.FindIndex(c => c.Length > 0) <= columns.Number)
                {
                    loose.Add(new KeyWorkOnly(texts[0], page, rows[^1].Number));
                }

                // Anything else without a number is a second header line (任务 | 措施) under a merged cell.
                continue;
            }

            var number = int.Parse(cells[numberIndex], CultureInfo.InvariantCulture);
            string keyWork;
            string text;
            var units = new List<DraftUnit>();
            if (cells.Count == columns.Count && numberIndex == columns.Number)
            {
                // The row has the header's shape: read each cell by its column's name.
                keyWork = string.Concat(columns.KeyWork.Select(i => cells[i]));
                text = string.Concat(columns.Text.Select(i => cells[i]));
                foreach (var (column, role) in columns.Units)
                {
                    units.AddRange(ReadUnits(cells[column], role));
                }

                if (text.Length == 0)
                {
                    text = string.Concat(cells.Where((c, i) => i != numberIndex && !columns.KeyWork.Contains(i) && !columns.Units.Any(u => u.Column == i) && !columns.Other.Contains(i)));
                }
            }
            else
            {
                // Merged cells shift the columns: the key work is left of the number, the units are the last
                // filled cells, and what lies between is the task.
                keyWork = string.Concat(cells.Take(numberIndex).Where(c => c.Length > 0));
                var after = cells.Skip(numberIndex + 1).Where(c => c.Length > 0).ToList();
                var unitCells = Math.Max(0, Math.Min(columns.Units.Count, after.Count - 1));
                text = string.Concat(after.SkipLast(unitCells));
                var unitValues = after.TakeLast(unitCells).ToList();
                for (var i = 0; i < unitValues.Count; i++)
                {
                    units.AddRange(ReadUnits(unitValues[i], columns.Units[columns.Units.Count - unitValues.Count + i].Role));
                }
            }

            rows.Add(new TableRow(number, keyWork.Length > 0 ? keyWork : null, text, units, page, line.Clean));
        }

        return rows.Count == 0 ? null : new TaskTable(rows, loose);
    }

    private static IEnumerable<DraftUnit> ReadUnits(string cell, UnitRole role) =>
        UnitListParser.Parse(cell).Units.Select(u => role == UnitRole.Responsible ? u : u with { Role = role });

    private static string Clean(string cell) => Spaces().Replace(cell, m =>
        m.Index > 0 && m.Index + m.Length < cell.Length && IsLatin(cell[m.Index - 1]) && IsLatin(cell[m.Index + m.Length]) ? " " : string.Empty).Trim();

    private static bool IsLatin(char c) => c < 128 && char.IsLetterOrDigit(c);

    private sealed record Columns(int Count, int Number, IReadOnlyList<int> KeyWork, IReadOnlyList<int> Text, IReadOnlyList<(int Column, UnitRole Role)> Units, IReadOnlyList<int> Other)
    {
        public static Columns From(List<string> cells)
        {
            var number = -1;
            var keyWork = new List<int>();
            var text = new List<int>();
            var units = new List<(int, UnitRole)>();
            var other = new List<int>();
            for (var i = 0; i < cells.Count; i++)
            {
                var cell = cells[i];
                if (cell is "序号" or "编号")
                {
                    number = i;
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

            return new Columns(cells.Count, number, keyWork, text, units, other);
        }
    }

    [GeneratedRegex(@"^\d{1,3}$")]
    private static partial Regex NumberCell();

    [GeneratedRegex(@"[ \u3000\u00A0]+")]
    private static partial Regex Spaces();
}
