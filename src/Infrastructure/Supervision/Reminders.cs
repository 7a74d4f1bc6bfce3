using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using PolicyApi.Domain.Supervision;
using PolicyApi.Infrastructure.Persistence;
using PolicyApi.Infrastructure.Persistence.Configurations;
using PolicyApi.Infrastructure.Webhooks;

namespace PolicyApi.Infrastructure.Supervision;

public enum ReminderKind
{
    DueSoon,
    Overdue,
}

/// <summary>That a reminder (催办) of a kind was raised for one obligation: the reason it is never raised twice.</summary>
public sealed class ObligationReminder(Guid subjectId, Guid unitId, string periodCode, ReminderKind kind, DateTimeOffset raisedAt)
{
    public Guid SubjectId { get; private set; } = subjectId;

    public Guid UnitId { get; private set; } = unitId;

    public string PeriodCode { get; private set; } = periodCode;

    public ReminderKind Kind { get; private set; } = kind;

    public DateTimeOffset RaisedAt { get; private set; } = raisedAt;
}

internal sealed class ObligationReminderConfiguration() : TableConfiguration<ObligationReminder>("obligation_reminders")
{
    protected override void ConfigureTable(EntityTypeBuilder<ObligationReminder> builder)
    {
        builder.HasKey(r => new { r.SubjectId, r.UnitId, r.PeriodCode, r.Kind });
        builder.Property(r => r.PeriodCode).HasMaxLength(TextLimits.PeriodCode);
    }
}

/// <summary>Configuration section <c>Reminders</c>.</summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>Whether this replica looks for reminders at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often reminders are looked for.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>obligation.dueSoon is raised this many days before the due date (0: never).</summary>
    public int DueSoonDays { get; set; } = 3;

    /// <summary>obligation.overdue is raised for obligations that fell overdue within this many days (older ones were due before reminders ran: no flood at first start).</summary>
    public int OverdueLookbackDays { get; set; } = 7;

    /// <summary>At most this many reminders per run; the rest come in the next.</summary>
    public int BatchSize { get; set; } = 500;
}

/// <summary>
/// 催办: raises obligation.overdue once per obligation when it passes its due date (the grace period is in it) unmet,
/// and obligation.dueSoon a configured number of days before. One replica at a time (a transaction-scoped advisory
/// lock; the others skip the run); each reminder is recorded with its event in one transaction, so a restart never
/// raises one twice and a crash mid-run raises nothing half.
/// </summary>
public sealed class Reminders(PolicyDbContext db, TimeProvider clock, IOptions<ReminderOptions> options, IOptions<SupervisionOptions> supervision)
{
    public const long LockId = 7263542;

    private const string Candidates = """
        SELECT o.subject_id, o.unit_id, o.period_code, o.document_id, o.subject_type, o.due_on, u.name, coalesce(m.title, t.indicator)
        FROM policy.reporting_obligations o
        JOIN policy.responsible_units u ON u.id = o.unit_id
        LEFT JOIN policy.measures m ON o.subject_type = 'Measure' AND m.id = o.subject_id
        LEFT JOIN policy.targets t ON o.subject_type = 'Target' AND t.id = o.subject_id
        WHERE (o.report_status IS NULL OR o.report_status NOT IN ('Submitted', 'Accepted'))
          AND o.due_on BETWEEN @from AND @to
          AND NOT EXISTS (SELECT 1 FROM policy.obligation_reminders r
                          WHERE r.subject_id = o.subject_id AND r.unit_id = o.unit_id AND r.period_code = o.period_code AND r.kind = @kind)
        ORDER BY o.due_on, o.unit_id, o.subject_id, o.period_code
        LIMIT @limit
        """;

    /// <summary>Raises the reminders due now; returns how many (0 when another replica holds the run).</summary>
    public Task<int> RaiseAsync(CancellationToken cancellationToken) =>
        Hosting.SingleReplica.RunAsync(db, LockId, async () =>
        {
            var now = clock.GetUtcNow();
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(supervision.Value.TimeZone)).DateTime);
            var settings = options.Value;
            var raised = await RaiseAsync(ReminderKind.Overdue, today.AddDays(-Math.Max(1, settings.OverdueLookbackDays)), today.AddDays(-1), today, now, settings.BatchSize, cancellationToken);
            if (settings.DueSoonDays > 0)
            {
                raised += await RaiseAsync(ReminderKind.DueSoon, today, today.AddDays(settings.DueSoonDays), today, now, settings.BatchSize, cancellationToken);
            }

            return raised;
        }, cancellationToken);

    private async Task<int> RaiseAsync(ReminderKind kind, DateOnly dueFrom, DateOnly dueTo, DateOnly today, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var found = new List<(Guid Subject, Guid Unit, string Period, Guid Document, string SubjectType, DateOnly DueOn, string UnitName, string Title)>();
        await using (var command = new NpgsqlCommand(Candidates, connection) { Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction() })
        {
            command.Parameters.AddWithValue("from", dueFrom);
            command.Parameters.AddWithValue("to", dueTo);
            command.Parameters.AddWithValue("kind", kind.ToString());
            command.Parameters.AddWithValue("limit", limit);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetGuid(3), reader.GetString(4), reader.GetFieldValue<DateOnly>(5), reader.GetString(6), reader.IsDBNull(7) ? string.Empty : reader.GetString(7)));
            }
        }

        foreach (var o in found)
        {
            var label = WebhookEventRecorder.PeriodLabel(ReportingPeriod.Parse(o.Period, "period"));
            var days = today.DayNumber - o.DueOn.DayNumber;
            var data = new JsonObject
            {
                ["unitId"] = o.Unit.ToString(),
                ["unitName"] = o.UnitName,
                ["documentId"] = o.Document.ToString(),
                ["subjectType"] = o.SubjectType == "Measure" ? "measure" : "target",
                ["subjectId"] = o.Subject.ToString(),
                ["title"] = o.Title,
                ["period"] = o.Period,
                ["periodLabel"] = label,
                ["dueOn"] = o.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            };
            string summary;
            if (kind == ReminderKind.Overdue)
            {
                data["daysOverdue"] = days;
                summary = $"{o.UnitName} {label}进展报告逾期{days}天";
            }
            else
            {
                data["daysLeft"] = -days;
                summary = -days == 0 ? $"{o.UnitName} {label}进展报告今天到期" : $"{o.UnitName} {label}进展报告{-days}天后到期";
            }

            db.Add(new ObligationReminder(o.Subject, o.Unit, o.Period, kind, now));
            EventOutbox.Add(db, kind == ReminderKind.Overdue ? WebhookEventType.ObligationOverdue : WebhookEventType.ObligationDueSoon, now, o.Document, o.Unit, data, summary);
        }

        return found.Count;
    }
}

/// <summary>Runs <see cref="Reminders"/> at <see cref="ReminderOptions.Interval"/>, first at start.</summary>
public sealed class ReminderService(IServiceScopeFactory scopes, IOptions<ReminderOptions> options, ILogger<ReminderService> logger) : Hosting.PeriodicJob(scopes, logger, new(options.Value.Interval, RunsAtStart: true, Enabled: options.Value.Enabled))
{
    protected override async Task<string?> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var raised = await services.GetRequiredService<Reminders>().RaiseAsync(cancellationToken);
        return raised > 0 ? $"raised {raised} reminder(s)" : null;
    }
}
