using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PolicyApi.Api.IntegrationTests.Support;

namespace PolicyApi.Api.IntegrationTests.Supervision;

/// <summary>Evidence files (证明材料) on progress reports: what the bytes are decides, the size is bounded, the record is fixed once submitted.</summary>
public sealed class EvidenceTests(ApiFixture fixture) : SupervisionTest(fixture)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4];
    private static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"u8.ToArray();
    private static readonly byte[] Executable = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF];

    private Task<HttpResponseMessage> Upload(string reportId, byte[] content, string fileName, string declaredType = "application/octet-stream")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        form.Add(file, "file", fileName);
        return Client.PostAsync($"/api/v1/progress-reports/{reportId}/attachments", form);
    }

    private Task<int> StoredFiles() => InDatabase(db => db.EvidenceFiles.CountAsync());

    [Fact]
    public async Task Upload_APhotoWithAChineseName_IsListedAndDownloadsAsSent()
    {
        var report = await DraftAsync();

        var created = await Expect(Upload(report, Png, "6月到资凭证.png", "image/jpeg"), HttpStatusCode.Created);

        Assert.Equal("image/png", (string?)created["contentType"]); // what the bytes are, not what was claimed
        Assert.Equal("6月到资凭证.png", (string?)created["fileName"]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Png)), (string?)created["sha256"]);
        var list = await Expect(Get($"/api/v1/progress-reports/{report}/attachments"), HttpStatusCode.OK);
        Assert.Equal([Id(created)], list["items"]!.AsArray().Select(i => (string)i!["id"]!));

        using var download = await Client.GetAsync($"/api/v1/progress-reports/{report}/attachments/{Id(created)}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("6月到资凭证.png", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Upload_ARenamedExecutable_IsRefused_AndStoresNothing()
    {
        var report = await DraftAsync();

        await ExpectProblem(Upload(report, Executable, "证明材料.pdf", "application/pdf"), HttpStatusCode.UnsupportedMediaType, "urn:policyapi:problem:unsupported-media-type");
        await ExpectProblem(Upload(report, "#!/bin/sh\nrm -rf /\n"u8.ToArray(), "说明.docx"), HttpStatusCode.UnsupportedMediaType, "urn:policyapi:problem:unsupported-media-type");

        Assert.Equal(0, await StoredFiles());
    }

    [Theory]
    [InlineData("pdf", "扫描件.bat")] // bytes that begin like a PDF, opened as what the name says
    [InlineData("pdf", "报告.html")]
    [InlineData("ole", "setup.msi")] // an installer is an OLE file like .doc
    [InlineData("png", "照片")] // no extension at all
    public async Task Upload_WhoseNameIsNotItsTypes_IsRefused(string kind, string fileName)
    {
        var report = await DraftAsync();
        byte[] bytes = kind switch
        {
            "pdf" => Pdf,
            "png" => Png,
            _ => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0],
        };

        await ExpectProblem(Upload(report, bytes, fileName), HttpStatusCode.UnsupportedMediaType, "urn:policyapi:problem:unsupported-media-type");

        Assert.Equal(0, await StoredFiles());
    }

    [Fact]
    public async Task Upload_AMacroWorkbook_IsRefused_AndAPlainOneIsTaken()
    {
        var report = await DraftAsync();

        await ExpectProblem(Upload(report, Package("xl/workbook.xml", "xl/vbaProject.bin"), "台账.xlsx"), HttpStatusCode.UnsupportedMediaType, "urn:policyapi:problem:unsupported-media-type");
        var plain = await Expect(Upload(report, Package("xl/workbook.xml"), "台账.xlsx"), HttpStatusCode.Created);

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (string?)plain["contentType"]);
    }

    [Fact]
    public async Task Upload_WithARightToLeftOverrideInItsName_IsStoredWithoutIt()
    {
        var report = await DraftAsync();

        var created = await Expect(Upload(report, Pdf, "report\u202Etxt.pdf"), HttpStatusCode.Created);

        Assert.Equal("reporttxt.pdf", (string?)created["fileName"]);
    }

    [Fact]
    public async Task Upload_OfTwoMegabytes_IsTaken_AndChangesTheReportsVersion()
    {
        var report = await DraftAsync();
        var (_, before) = await Read($"/api/v1/progress-reports/{report}");
        var twoMegabytes = new byte[2 * 1024 * 1024];
        Pdf.CopyTo(twoMegabytes, 0);

        var created = await Expect(Upload(report, twoMegabytes, "扫描件.pdf"), HttpStatusCode.Created);

        Assert.Equal(2 * 1024 * 1024, (long)created["size"]!);
        var (_, after) = await Read($"/api/v1/progress-reports/{report}");
        Assert.NotEqual(before, after); // the report's ETag moves with its files, so If-Match and updatedSince see them
    }

    [Fact]
    public async Task Upload_OverTheLimit_Is413_AndStoresNothing()
    {
        var report = await DraftAsync();
        var twentyMegabytes = new byte[20 * 1024 * 1024];
        Pdf.CopyTo(twentyMegabytes, 0);

        await ExpectProblem(Upload(report, twentyMegabytes, "扫描件.pdf", "application/pdf"), HttpStatusCode.RequestEntityTooLarge, "urn:policyapi:problem:payload-too-large");

        Assert.Equal(0, await StoredFiles());
        Assert.Equal(0, await InDatabase(db => db.AttachmentContents.CountAsync()));
    }

    [Fact]
    public async Task Files_AreFixedOnceTheReportIsSubmitted_AndFinalOnceAccepted()
    {
        var report = await DraftAsync();
        var kept = Id(await Expect(Upload(report, Pdf, "到资凭证.pdf"), HttpStatusCode.Created));
        var dropped = Id(await Expect(Upload(report, Png, "现场照片.png"), HttpStatusCode.Created));
        var (_, draftTag) = await Read($"/api/v1/progress-reports/{report}");
        await Expect(Delete($"/api/v1/progress-reports/{report}/attachments/{dropped}", draftTag), HttpStatusCode.NoContent);
        await Expect(Get($"/api/v1/progress-reports/{report}/attachments/{dropped}"), HttpStatusCode.NotFound);

        await Expect(Post($"/api/v1/progress-reports/{report}/submit", new { }), HttpStatusCode.OK);
        var (_, submittedTag) = await Read($"/api/v1/progress-reports/{report}");
        await ExpectProblem(Upload(report, Png, "补充照片.png"), HttpStatusCode.Conflict, "urn:policyapi:problem:report-under-review");
        await ExpectProblem(Delete($"/api/v1/progress-reports/{report}/attachments/{kept}", submittedTag), HttpStatusCode.Conflict, "urn:policyapi:problem:evidence-fixed");

        await Expect(Post($"/api/v1/progress-reports/{report}/accept", new { }), HttpStatusCode.OK);
        await ExpectProblem(Upload(report, Png, "补充照片.png"), HttpStatusCode.Conflict, "urn:policyapi:problem:report-accepted");

        Assert.Equal(1, await StoredFiles());
        // Each upload and removal is in the audit log; the bytes are not.
        var audited = await InDatabase(db => db.AuditEntries.Where(e => e.Entity == "EvidenceFile").Select(e => e.Action).ToListAsync());
        Assert.Equal(["created", "created", "deleted"], audited.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Upload_WithoutAFilePart_Is400NamingFile()
    {
        var report = await DraftAsync();
        using var form = new MultipartFormDataContent { { new StringContent("x"), "note" } };

        await ExpectProblem(Client.PostAsync($"/api/v1/progress-reports/{report}/attachments", form), HttpStatusCode.BadRequest, "urn:policyapi:problem:validation-failed", "file");
        await ExpectProblem(Post($"/api/v1/progress-reports/{report}/attachments", new { file = "x" }), HttpStatusCode.UnsupportedMediaType, "urn:policyapi:problem:unsupported-media-type");
    }

    [Fact]
    public async Task Upload_CutOffBeforeItsClosingBoundary_OrWithTwoFileParts_Is400NamingFile_AndStoresNothing()
    {
        var report = await DraftAsync();
        using var truncated = new ByteArrayContent("--XX\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4\r\n"u8.ToArray());
        truncated.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=XX");
        using var twoFiles = new MultipartFormDataContent { { new ByteArrayContent(Pdf), "file", "一.pdf" }, { new ByteArrayContent(Png), "file", "二.png" } };

        await ExpectProblem(Client.PostAsync($"/api/v1/progress-reports/{report}/attachments", truncated), HttpStatusCode.BadRequest, "urn:policyapi:problem:validation-failed", "file");
        await ExpectProblem(Client.PostAsync($"/api/v1/progress-reports/{report}/attachments", twoFiles), HttpStatusCode.BadRequest, "urn:policyapi:problem:validation-failed", "file");

        Assert.Equal(0, await StoredFiles());
    }

    private static byte[] Package(params string[] parts)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var part in parts.Prepend("[Content_Types].xml"))
            {
                using var writer = new StreamWriter(zip.CreateEntry(part).Open());
                writer.Write("<x/>");
            }
        }

        return buffer.ToArray();
    }
}
