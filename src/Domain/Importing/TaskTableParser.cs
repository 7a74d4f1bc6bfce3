using System.Globalization;
using System.Text.RegularExpressions;

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
            var keyWork = string.Concat(cells.Take(numberIndex).Where(c => c.Length > 0));
            var after = cells.Skip(numberIndex + 1).ToList();
            var lastFilled = after.FindLastIndex(c => c.Length > 0);
            string text;
            var units = new List<DraftUnit>();
            if (columns.UnitColumns.Count > 0 && lastFilled > 0)
            {
                // The last filled cells are the unit columns; what lies between the number and them is the task.
                var unitCells = Math.Min(columns.UnitColumns.Count, after.Count(c => c.Length > 0) - 1);
                var unitValues = after.Where(c => c.Length > 0).TakeLast(unitCells).ToList();
                text = string.Concat(after.Where(c => c.Length > 0).SkipLast(unitCells));
                for (var i = 0; i < unitValues.Count; i++)
                {
                    var role = columns.UnitColumns[Math.Max(0, columns.UnitColumns.Count - unitValues.Count + i)];
                    units.AddRange(UnitListParser.Parse(unitValues[i]).Units.Select(u => u with { Role = role == DraftRoles.Responsible ? u.Role : role }));
                }
            }
            else
            {
                text = string.Concat(after);
            }

            rows.Add(new TableRow(number, keyWork.Length > 0 ? keyWork : null, text, units, page, line.Clean));
        }

        return rows.Count == 0 ? null : new TaskTable(rows, loose);
    }

    private static string Clean(string cell) => Spaces().Replace(cell, m =>
        m.Index > 0 && m.Index + m.Length < cell.Length && IsLatin(cell[m.Index - 1]) && IsLatin(cell[m.Index + m.Length]) ? " " : string.Empty).Trim();

    private static bool IsLatin(char c) => c < 128 && char.IsLetterOrDigit(c);

    private sealed record Columns(int Number, IReadOnlyList<string> UnitColumns)
    {
        public static Columns From(IReadOnlyList<string> cells)
        {
            var number = cells.ToList().FindIndex(c => c is "序号" or "编号");
            var units = new List<string>();
            foreach (var cell in cells)
            {
                if (cell.Contains("牵头", StringComparison.Ordinal))
                {
                    units.Add(DraftRoles.Lead);
                }
                else if (cell.Contains("配合", StringComparison.Ordinal) || cell.Contains("协办", StringComparison.Ordinal))
                {
                    units.Add(DraftRoles.Cooperating);
                }
                else if (cell.Contains("责任", StringComparison.Ordinal) || cell.Contains("负责", StringComparison.Ordinal) || cell.Contains("单位", StringComparison.Ordinal) || cell.Contains("部门", StringComparison.Ordinal))
                {
                    units.Add(DraftRoles.Responsible);
                }
            }

            return new Columns(number, units);
        }
    }

    [GeneratedRegex(@"^\d{1,3}$")]
    private static partial Regex NumberCell();

    [GeneratedRegex(@"[ \u3000\u00A0]+")]
    private static partial Regex Spaces();
}
