using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PolicyApi.Api.IntegrationTests.Support;

/// <summary>Reads CSV and XLSX downloads back into tables of text, the way a spreadsheet program would.</summary>
public static class Downloads
{
    /// <summary>Parses the CSV (RFC 4180) into tables: each starts with a row holding its name, then the header.</summary>
    public static Dictionary<string, List<string[]>> CsvTables(byte[] bytes)
    {
        Assert.True(bytes.AsSpan().StartsWith(Encoding.UTF8.GetPreamble()), "CSV downloads start with a UTF-8 byte order mark");
        var records = CsvRecords(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        var tables = new Dictionary<string, List<string[]>>();
        List<string[]>? current = null;
        foreach (var record in records)
        {
            if (record is [""])
            {
                current = null;
                continue;
            }

            if (current is null)
            {
                current = [];
                tables[record[0]] = current;
                continue;
            }

            current.Add(record);
        }

        return tables;
    }

    public static Dictionary<string, List<string[]>> XlsxTables(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var tables = new Dictionary<string, List<string[]>>();
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            tables[sheet.Name!] = [.. part.Worksheet.Descendants<Row>().Select(row => row.Elements<Cell>().Select(CellText).ToArray())];
        }

        return tables;
    }

    private static string CellText(Cell cell) =>
        cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText ?? string.Empty
        : cell.DataType?.Value == CellValues.Boolean ? (cell.CellValue?.Text == "1" ? "true" : "false")
        : cell.CellValue?.Text ?? string.Empty;

    private static List<string[]> CsvRecords(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        return records;
    }
}
