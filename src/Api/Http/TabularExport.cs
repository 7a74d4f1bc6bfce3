using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Net.Http.Headers;

namespace PolicyApi.Api.Http;

/// <summary>One table of an export: a sheet in XLSX, a block in CSV.</summary>
public sealed record ExportSheet(string Name, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<object?>> Rows);

public enum ExportFormat
{
    Json,
    Csv,
    Xlsx,
}

/// <summary>
/// Downloads of tables (通报, 任务分解表) as CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese
/// correctly; tables one after another, each under its name) or XLSX (one sheet per table).
/// </summary>
public static class TabularExport
{
    public const string CsvMediaType = "text/csv";
    public const string XlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary><c>format=</c> wins; otherwise the Accept header decides; JSON when the client states no preference.</summary>
    public static ExportFormat Negotiate(HttpContext http, string? format)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!string.IsNullOrWhiteSpace(format))
        {
            return QueryValues.ParseEnum<ExportFormat>(format, "format")!.Value;
        }

        var accepted = MediaTypeHeaderValue.TryParseList(http.Request.Headers.Accept, out var parsed)
            ? [.. parsed.OrderByDescending(m => m.Quality ?? 1)]
            : new List<MediaTypeHeaderValue>();
        if (accepted.Count == 0)
        {
            return ExportFormat.Json;
        }

        foreach (var media in accepted)
        {
            var type = media.MediaType.Value;
            if (type is "application/json" or "application/*" or "*/*")
            {
                return ExportFormat.Json;
            }

            if (type is CsvMediaType or "text/*")
            {
                return ExportFormat.Csv;
            }

            if (type == XlsxMediaType)
            {
                return ExportFormat.Xlsx;
            }
        }

        throw new NotAcceptableException();
    }

    public static IResult File(ExportFormat format, string fileName, IReadOnlyList<ExportSheet> sheets) => format switch
    {
        ExportFormat.Csv => TypedResults.File(Csv(sheets), $"{CsvMediaType}; charset=utf-8", $"{fileName}.csv"),
        _ => TypedResults.File(Xlsx(sheets), XlsxMediaType, $"{fileName}.xlsx"),
    };

    public static byte[] Csv(IReadOnlyList<ExportSheet> sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        var csv = new StringBuilder();
        for (var s = 0; s < sheets.Count; s++)
        {
            if (s > 0)
            {
                csv.Append("\r\n");
            }

            Line(csv, [sheets[s].Name]);
            Line(csv, [.. sheets[s].Header]);
            foreach (var row in sheets[s].Rows)
            {
                Line(csv, row);
            }
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    /// <summary>One RFC 4180 record: fields with commas, quotes or line breaks are quoted, quotes doubled.</summary>
    private static void Line(StringBuilder csv, IReadOnlyList<object?> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }

            var text = fields[i] is string words ? Inert(words) : Text(fields[i]);
            if (text.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                csv.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                csv.Append(text);
            }
        }

        csv.Append("\r\n");
    }

    public static byte[] Xlsx(IReadOnlyList<ExportSheet> sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetList = workbook.Workbook.AppendChild(new Sheets());
            for (var s = 0; s < sheets.Count; s++)
            {
                // Written as a stream of elements, not built as a tree first: a bulletin's thousands of rows took
                // most of its XLSX time as a tree.
                var part = workbook.AddNewPart<WorksheetPart>();
                using (var writer = OpenXmlWriter.Create(part))
                {
                    writer.WriteStartElement(new Worksheet());
                    writer.WriteStartElement(new SheetData());
                    WriteRow(writer, [.. sheets[s].Header]);
                    foreach (var row in sheets[s].Rows)
                    {
                        WriteRow(writer, row);
                    }

                    writer.WriteEndElement();
                    writer.WriteEndElement();
                }

                sheetList.AppendChild(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)(s + 1), Name = SheetName(sheets[s].Name) });
            }

            workbook.Workbook.Save();
        }

        return buffer.ToArray();
    }

    private static void WriteRow(OpenXmlWriter writer, IReadOnlyList<object?> values)
    {
        writer.WriteStartElement(new Row());
        foreach (var value in values)
        {
            writer.WriteElement(value switch
            {
                null => new Cell(),
                decimal or int or long or double => new Cell { DataType = CellValues.Number, CellValue = new CellValue(Text(value)) },
                bool b => new Cell { DataType = CellValues.Boolean, CellValue = new CellValue(b ? "1" : "0") },
                _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(XmlSafe(Text(value)))) },
            });
        }

        writer.WriteEndElement();
    }

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        decimal m => CanonicalDecimalConverter.Canonical(m).ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>
    /// Text a spreadsheet opening the CSV will not take for a formula (=, +, -, @, tab or carriage return first: CSV
    /// injection): such a cell is written with a leading apostrophe, as spreadsheets themselves mark literal text.
    /// </summary>
    private static string Inert(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    /// <summary>Characters XML 1.0 cannot carry (most C0 controls, U+FFFE, U+FFFF, lone surrogates) become U+FFFD in a sheet.</summary>
    private static string XmlSafe(string text)
    {
        if (text.All(c => System.Xml.XmlConvert.IsXmlChar(c)))
        {
            return text;
        }

        var safe = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogatePair(text, i))
            {
                safe.Append(text, i++, 2);
            }
            else
            {
                safe.Append(System.Xml.XmlConvert.IsXmlChar(text[i]) ? text[i] : '\uFFFD');
            }
        }

        return safe.ToString();
    }

    private static string SheetName(string name)
    {
        var clean = new string([.. name.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\'))]);
        return clean.Length > 31 ? clean[..31] : clean;
    }
}

public sealed class NotAcceptableException()
    : ApiProblemException(406, ProblemTypes.NotAcceptable, "Not acceptable", "This resource is available as application/json, text/csv or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet (or choose with format=json|csv|xlsx).");
