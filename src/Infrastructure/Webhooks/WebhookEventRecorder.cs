using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using PolicyApi.Domain.Documents;
using PolicyApi.Domain.Reports;
using PolicyApi.Domain.Supervision;
using PolicyApi.Domain.Targets;
using PolicyApi.Domain.Units;

namespace PolicyApi.Infrastructure.Webhooks;

/// <summary>
/// Turns what a SaveChanges changes into the events receivers subscribe to: a progress report whose status becomes
/// submitted, accepted or returned (its original and current status compared), and a document that becomes active
/// (published). Targets have no stored status (attainment is computed when asked), so no target event is recorded.
/// </summary>
public static class WebhookEventRecorder
{
    private sealed record ReportChange(ProgressReport Report, WebhookEventType Type);

    public static async Task<List<OutboxEvent>> FromAsync(DbContext context, IReadOnlyCollection<EntityEntry> entries, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(entries);
        var events = new List<OutboxEvent>();
        var reports = entries.Select(ReportEvent).OfType<ReportChange>().ToList();
        if (reports.Count > 0)
        {
            var unitIds = reports.Select(r => r.Report.UnitId).Distinct().ToList();
            var units = await context.Set<ResponsibleUnit>().AsNoTracking().Where(u => unitIds.Contains(u.Id))
                .Select(u => new { u.Id, u.Name }).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
            var measureIds = reports.Where(r => r.Report.MeasureId is not null).Select(r => r.Report.MeasureId!.Value).Distinct().ToList();
            var targetIds = reports.Where(r => r.Report.TargetId is not null).Select(r => r.Report.TargetId!.Value).Distinct().ToList();
            var measureDocuments = measureIds.Count == 0 ? [] : await context.Set<Measure>().AsNoTracking().Where(m => measureIds.Contains(m.Id))
                .Select(m => new { m.Id, m.DocumentId }).ToDictionaryAsync(m => m.Id, m => m.DocumentId, cancellationToken);
            var targetDocuments = targetIds.Count == 0 ? [] : await context.Set<Target>().AsNoTracking().Where(t => targetIds.Contains(t.Id))
                .Select(t => new { t.Id, t.DocumentId }).ToDictionaryAsync(t => t.Id, t => t.DocumentId, cancellationToken);
            foreach (var (report, type) in reports)
            {
                var document = report.MeasureId is { } m && measureDocuments.TryGetValue(m, out var d) ? d
                    : report.TargetId is { } t && targetDocuments.TryGetValue(t, out var td) ? td
                    : (Guid?)null;
                events.Add(ReportEventOf(report, type, units.GetValueOrDefault(report.UnitId) ?? string.Empty, document, at));
            }
        }

        foreach (var entry in entries)
        {
            if (entry.Entity is PolicyDocument document && BecameActive(entry))
            {
                events.Add(Published(document, at));
            }
        }

        return events;
    }

    /// <summary>The event a report's entry makes: its status changed (or it was created already past draft).</summary>
    private static ReportChange? ReportEvent(EntityEntry entry)
    {
        if (entry.Entity is not ProgressReport report || entry.State is not (EntityState.Added or EntityState.Modified))
        {
            return null;
        }

        var status = entry.Property(nameof(ProgressReport.Status));
        if (entry.State == EntityState.Modified && Equals(status.OriginalValue, status.CurrentValue))
        {
            return null;
        }

        WebhookEventType? type = report.Status switch
        {
            ReportStatus.Submitted => WebhookEventType.ReportSubmitted,
            ReportStatus.Accepted => WebhookEventType.ReportAccepted,
            ReportStatus.Returned => WebhookEventType.ReportReturned,
            _ => null,
        };
        return type is { } t ? new ReportChange(report, t) : null;
    }

    private static bool BecameActive(EntityEntry entry)
    {
        var document = (PolicyDocument)entry.Entity;
        if (document.Status != DocumentStatus.Active)
        {
            return false;
        }

        return entry.State == EntityState.Added
            || (entry.State == EntityState.Modified && !Equals(entry.Property(nameof(PolicyDocument.Status)).OriginalValue, DocumentStatus.Active));
    }

    private static OutboxEvent ReportEventOf(ProgressReport report, WebhookEventType type, string unitName, Guid? documentId, DateTimeOffset at)
    {
        var period = report.Period;
        var label = PeriodLabel(period);
        var data = new JsonObject
        {
            ["reportId"] = report.Id.ToString(),
            ["unitId"] = report.UnitId.ToString(),
            ["unitName"] = unitName,
            ["documentId"] = documentId?.ToString(),
            ["measureId"] = report.MeasureId?.ToString(),
            ["targetId"] = report.TargetId?.ToString(),
            ["period"] = period.Code,
            ["periodLabel"] = label,
            ["status"] = JsonNameOf(report.Status),
            ["version"] = report.Version,
        };
        if (type == WebhookEventType.ReportReturned)
        {
            data["reason"] = report.ReturnReason;
        }

        var summary = type switch
        {
            WebhookEventType.ReportSubmitted => $"{unitName} {label}进展报告已报送",
            WebhookEventType.ReportAccepted => $"{unitName} {label}进展报告已审核通过",
            _ => $"{unitName} {label}进展报告被退回：{report.ReturnReason}",
        };
        return OutboxEvent.Create(type, at, documentId, report.UnitId, data, summary);
    }

    private static OutboxEvent Published(PolicyDocument document, DateTimeOffset at)
    {
        var data = new JsonObject
        {
            ["documentId"] = document.Id.ToString(),
            ["title"] = document.Title,
            ["docNumber"] = document.DocNumber,
            ["region"] = document.Region,
            ["status"] = JsonNameOf(document.Status),
            ["version"] = document.Version,
        };
        var summary = document.DocNumber is { } number ? $"《{document.Title}》（{number}）已发布" : $"《{document.Title}》已发布";
        return OutboxEvent.Create(WebhookEventType.DocumentPublished, at, document.Id, unitId: null, data, summary);
    }

    private static string JsonNameOf(Enum value) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>A period as a group message names it: 2021年6月, 2021年第二季度, 2021年上半年, 2021年, 2021年第23周.</summary>
    public static string PeriodLabel(ReportingPeriod period) => period.Kind switch
    {
        PeriodKind.Month => string.Create(CultureInfo.InvariantCulture, $"{period.Year}年{period.Number}月"),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{period.Year}年第{"一二三四"[period.Number - 1]}季度"),
        PeriodKind.HalfYear => string.Create(CultureInfo.InvariantCulture, $"{period.Year}年{(period.Number == 1 ? "上" : "下")}半年"),
        PeriodKind.Year => string.Create(CultureInfo.InvariantCulture, $"{period.Year}年"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{period.Year}年第{period.Number}周"),
    };
}
