using System.IO.Compression;
using System.Text;

namespace PolicyApi.Domain.Reports;

/// <summary>
/// What a file is, told by its bytes: the images, PDF and Office documents evidence may be. Anything else — an
/// executable renamed .pdf, a script, an archive — is none of them, whatever its name or declared type says.
/// </summary>
public static class EvidenceKinds
{
    public const string Accepted = "PNG, JPEG, GIF or WebP images, PDF, Word, Excel or PowerPoint documents (.docx/.xlsx/.pptx or the older .doc/.xls/.ppt; no macros)";

    private static readonly Dictionary<string, string[]> Extensions = new(StringComparer.Ordinal)
    {
        ["image/png"] = [".png"],
        ["image/jpeg"] = [".jpg", ".jpeg"],
        ["image/gif"] = [".gif"],
        ["image/webp"] = [".webp"],
        ["application/pdf"] = [".pdf"],
        ["application/msword"] = [".doc"],
        ["application/vnd.ms-excel"] = [".xls"],
        ["application/vnd.ms-powerpoint"] = [".ppt"],
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = [".docx"],
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = [".xlsx"],
        ["application/vnd.openxmlformats-officedocument.presentationml.presentation"] = [".pptx"],
    };

    /// <summary>
    /// The content type the bytes show, when the file's name carries that type's extension; null otherwise. The name
    /// matters because the file is downloaded under it: bytes that begin like a PDF but are named .bat or .html, or an
    /// installer (an OLE file like .doc) named .msi, would open as what the name says.
    /// </summary>
    public static string? Detect(ReadOnlySpan<byte> bytes, string? fileName)
    {
        var type = Sniff(bytes, fileName);
        var extension = Path.GetExtension(fileName ?? string.Empty).ToLowerInvariant();
        return type is not null && Extensions[type].Contains(extension, StringComparer.Ordinal) ? type : null;
    }

    private static string? Sniff(ReadOnlySpan<byte> bytes, string? fileName)
    {
        if (bytes.StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (bytes.StartsWith((byte[])[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        if (bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        if (bytes.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        if (bytes.StartsWith((byte[])[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            // An OLE compound file: the legacy Office formats (and installers); which one only the name can say.
            return Path.GetExtension(fileName ?? string.Empty).ToUpperInvariant() switch
            {
                ".XLS" => "application/vnd.ms-excel",
                ".PPT" => "application/vnd.ms-powerpoint",
                ".DOC" => "application/msword",
                _ => null,
            };
        }

        return bytes.StartsWith("PK\u0003\u0004"u8) ? OfficeOpenXml(bytes) : null;
    }

    /// <summary>A ZIP is an Office document when it holds the Open XML package's parts; any other archive is refused.</summary>
    private static string? OfficeOpenXml(ReadOnlySpan<byte> bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes.ToArray()), ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            if (!names.Contains("[Content_Types].xml") || names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
            {
                return null; // not an Office package, or one carrying macros
            }

            return names.Contains("word/document.xml") ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                : names.Contains("xl/workbook.xml") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                : names.Contains("ppt/presentation.xml") ? "application/vnd.openxmlformats-officedocument.presentationml.presentation"
                : null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or NotSupportedException)
        {
            return null; // a damaged or unusual archive is not an Office document we take
        }
    }

    /// <summary>
    /// A file name as stored: the last path segment, without control or formatting characters (a right-to-left
    /// override would show report\u202Efdp.bat as reporttab.pdf).
    /// </summary>
    public static string CleanFileName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? string.Empty).Replace('\\', '/'));
        var clean = new StringBuilder(name.Length);
        foreach (var c in name.Where(c => !char.IsControl(c) && char.GetUnicodeCategory(c) is not (System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator)))
        {
            clean.Append(c);
        }

        return clean.ToString().Trim();
    }
}
