using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using PolicyApi.Infrastructure.Persistence;

namespace PolicyApi.Infrastructure.Supervision;

/// <summary>Per target and unit: the reports that count towards the actual, aggregated in PostgreSQL.</summary>
/// <param name="AcceptedEvents">Events in accepted reports: each report counts its value, or one when it states none.</param>
/// <param name="AcceptedLatest">The value of the accepted report with the latest period.</param>
/// <param name="ReportedLatest">The same counting submitted-but-unreviewed reports too.</param>
public sealed record UnitReportAggregate(
    Guid TargetId,
    Guid UnitId,
    decimal? AcceptedEvents,
    decimal? ReportedEvents,
    decimal? AcceptedSum,
    decimal? ReportedSum,
    decimal? AcceptedLatest,
    decimal? ReportedLatest,
    DateOnly? AcceptedLatestEnd,
    DateOnly? ReportedLatestEnd);

/// <summary>What one unit owes for one subject (measure or target) and period, and what it has done about it.</summary>
public sealed record Obligation(
    Guid UnitId,
    string UnitName,
    Guid DocumentId,
    string SubjectType,
    Guid SubjectId,
    string? SubjectLabel,
    string SubjectTitle,
    string PeriodCode,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    DateOnly DueOn,
    Guid? ReportId,
    string? ReportStatus,
    DateOnly? FirstSubmittedOn,
    string State);

/// <summary>One unit's reporting record over a set of obligations.</summary>
public sealed record ReportingRecord(Guid UnitId, string UnitName, int Due, int Submitted, int Accepted, int Late, int Overdue, int Returned);

/// <summary>Which obligations to compute.</summary>
/// <param name="AsOf">The date the question is asked on: periods ended by then are owed; those past their due date unsatisfied are overdue.</param>
/// <param name="PeriodEndFrom">Only periods ending on or after this date.</param>
/// <param name="PeriodEndTo">Only periods ending on or before this date.</param>
/// <param name="OnlyUnsatisfied">Leave out obligations already met by a submitted or accepted report.</param>
/// <param name="OnlyOverdue">Only obligations past their due date and unmet.</param>
public sealed record ObligationQuery(
    DateOnly AsOf,
    Guid? DocumentId = null,
    Guid? UnitId = null,
    DateOnly? PeriodEndFrom = null,
    DateOnly? PeriodEndTo = null,
    bool OnlyUnsatisfied = false,
    bool OnlyOverdue = false,
    ObligationPosition? After = null,
    int Limit = int.MaxValue);

public sealed record ObligationPosition(DateOnly DueOn, Guid UnitId, Guid SubjectId, string PeriodCode);

/// <summary>
/// The supervision questions answered inside PostgreSQL: reporting obligations are generated from the
/// cadences with generate_series and matched to reports there; actuals are aggregated there. Nothing
/// loads all reports into memory.
/// </summary>
public sealed class SupervisionQueries(PolicyDbContext db, Microsoft.Extensions.Options.IOptions<SupervisionOptions> options, QueryBudget budget)
{
    // Reports count as they stood at the end of @known_on (in the supervising time zone): their status and value
    // then, read from the kept revisions — a report accepted later does not count yet, one returned later still does.
    private const string ActualsSql = """
        WITH t AS (
            SELECT id, coalesce(based_on_target_id, id) AS source_id, period_start
            FROM policy.targets WHERE id = ANY(@target_ids)),
        known AS (SELECT ((@known_on + 1)::timestamp AT TIME ZONE @time_zone) AS at),
        -- A report last changed before then stands as it is now; only the others are looked up in their history.
        r AS (
            SELECT t.id AS target_id, p.unit_id, p.period_end, p.first_submitted_at,
                   CASE WHEN p.updated_at < known.at THEN p.status ELSE v.status END AS status,
                   CASE WHEN p.updated_at < known.at THEN p.value ELSE v.value END AS value
            FROM t
            JOIN policy.progress_reports p
              ON p.target_id = t.source_id AND p.period_start >= t.period_start AND p.period_end <= @as_of
            CROSS JOIN known
            LEFT JOIN LATERAL (
                SELECT x.status, x.value FROM policy.progress_report_revisions x
                WHERE p.updated_at >= known.at AND x.report_id = p.id AND x.at < known.at
                ORDER BY x.number DESC LIMIT 1) v ON true),
        counted AS (SELECT * FROM r WHERE r.status IN ('Accepted', 'Submitted'))
        SELECT r.target_id, r.unit_id,
               sum(coalesce(r.value, 1)) FILTER (WHERE r.status = 'Accepted') AS accepted_events,
               sum(coalesce(r.value, 1)) AS reported_events,
               sum(r.value) FILTER (WHERE r.status = 'Accepted') AS accepted_sum,
               sum(r.value) AS reported_sum,
               (array_agg(r.value ORDER BY r.period_end DESC, r.first_submitted_at DESC) FILTER (WHERE r.status = 'Accepted'))[1] AS accepted_latest,
               (array_agg(r.value ORDER BY r.period_end DESC, r.first_submitted_at DESC))[1] AS reported_latest,
               max(r.period_end) FILTER (WHERE r.status = 'Accepted') AS accepted_latest_end,
               max(r.period_end) AS reported_latest_end
        FROM counted r
        GROUP BY r.target_id, r.unit_id
        """;

    private const string ObligationsCte = """
        WITH subjects AS (
            SELECT 'target'::text AS subject_type, t.id AS subject_id, t.document_id, t.measure_id,
                   coalesce(t.cadence_frequency, m.cadence_frequency, d.cadence_frequency) AS frequency,
                   coalesce(CASE WHEN t.cadence_frequency IS NOT NULL THEN t.cadence_grace_days END,
                            CASE WHEN m.cadence_frequency IS NOT NULL THEN m.cadence_grace_days END,
                            d.cadence_grace_days, 0) AS grace_days,
                   t.period_start AS window_start, t.period_end AS window_end,
                   NULL::text AS subject_label, t.indicator AS subject_title
            FROM policy.targets t
            JOIN policy.documents d ON d.id = t.document_id AND d.status = 'Active'
            LEFT JOIN policy.measures m ON m.id = t.measure_id
            WHERE (@document_id IS NULL OR t.document_id = @document_id)
          UNION ALL
            SELECT 'measure', m.id, m.document_id, m.id,
                   coalesce(m.cadence_frequency, d.cadence_frequency),
                   coalesce(CASE WHEN m.cadence_frequency IS NOT NULL THEN m.cadence_grace_days END, d.cadence_grace_days, 0),
                   coalesce(d.period_from, d.issued_on), d.period_to,
                   m.label, m.title
            FROM policy.measures m
            JOIN policy.documents d ON d.id = m.document_id AND d.status = 'Active'
            WHERE m.kind IN ('Measure', 'SubItem', 'Task')
              AND (@document_id IS NULL OR m.document_id = @document_id)),
        cadenced AS (
            SELECT * FROM subjects WHERE frequency IS NOT NULL AND window_start IS NOT NULL),
        obligated AS (
            SELECT s.*, a.unit_id FROM cadenced s
            JOIN policy.target_allocations a ON s.subject_type = 'target' AND a.target_id = s.subject_id
          UNION ALL
            SELECT s.*, su.unit_id FROM cadenced s
            JOIN policy.target_scope_units su ON s.subject_type = 'target' AND su.target_id = s.subject_id
          UNION ALL
            SELECT s.*, a.unit_id FROM cadenced s
            JOIN policy.measure_assignments a ON a.measure_id = s.measure_id AND a.role IN ('Lead', 'Responsible')
            WHERE s.subject_type = 'measure'
               OR (NOT EXISTS (SELECT 1 FROM policy.target_allocations x WHERE x.target_id = s.subject_id)
                   AND NOT EXISTS (SELECT 1 FROM policy.target_scope_units y WHERE y.target_id = s.subject_id))
          UNION ALL
            SELECT s.*, u.id FROM cadenced s
            JOIN policy.measures m ON s.subject_type = 'measure' AND m.id = s.subject_id
            JOIN policy.documents d ON d.id = s.document_id
            JOIN policy.responsible_units u ON u.region = d.region AND u.kind = ANY (m.blanket_unit_kinds)
            WHERE NOT EXISTS (SELECT 1 FROM policy.measure_assignments a WHERE a.measure_id = m.id AND a.unit_id = u.id)),
        periods AS (
            SELECT o.unit_id, o.document_id, o.subject_type, o.subject_id, o.subject_label, o.subject_title, o.frequency, o.grace_days, o.window_start,
                   g.start::date AS period_start, (g.start + f.step - interval '1 day')::date AS period_end
            FROM obligated o
            CROSS JOIN LATERAL (SELECT
                CASE o.frequency WHEN 'Weekly' THEN interval '1 week' WHEN 'Monthly' THEN interval '1 month'
                                 WHEN 'Quarterly' THEN interval '3 months' WHEN 'HalfYearly' THEN interval '6 months'
                                 ELSE interval '1 year' END AS step,
                CASE o.frequency WHEN 'Weekly' THEN 'week' WHEN 'Monthly' THEN 'month' WHEN 'Quarterly' THEN 'quarter'
                                 ELSE 'year' END AS unit) f
            CROSS JOIN LATERAL generate_series(
                date_trunc(f.unit, o.window_start::timestamp),
                least(coalesce(o.window_end, @as_of), @as_of, coalesce(@period_end_to, @as_of))::timestamp,
                f.step) g(start)),
        coded AS (
            SELECT p.*,
                   CASE p.frequency
                       WHEN 'Weekly' THEN to_char(p.period_start, 'IYYY-"W"IW')
                       WHEN 'Monthly' THEN to_char(p.period_start, 'YYYY-"M"MM')
                       WHEN 'Quarterly' THEN to_char(p.period_start, 'YYYY-"Q"Q')
                       WHEN 'HalfYearly' THEN to_char(p.period_start, 'YYYY') || '-H' || CASE WHEN extract(month FROM p.period_start) <= 6 THEN '1' ELSE '2' END
                       ELSE to_char(p.period_start, 'YYYY') END AS period_code,
                   p.period_end + p.grace_days AS due_on
            FROM periods p
            WHERE p.period_end <= @as_of AND p.period_end >= p.window_start
              AND (@period_end_from IS NULL OR p.period_end >= @period_end_from)
              AND (@period_end_to IS NULL OR p.period_end <= @period_end_to)
              AND (@unit_id IS NULL OR p.unit_id = @unit_id)),
        -- The report that answers each (subject, unit, period): submitted or accepted before a draft, the first
        -- submitted first — in the status it had at the end of @as_of: its current one when it was last changed before
        -- then, else the last revision made by then (none: the report did not exist yet).
        -- Taken once for all subjects and hash-joined, not looked up row by row.
        known AS (SELECT ((@as_of + 1)::timestamp AT TIME ZONE @time_zone) AS at),
        subject_reports AS (
            SELECT 'target'::text AS subject_type, r.target_id AS subject_id, r.id, r.unit_id, r.period_code, r.status, r.first_submitted_at, r.updated_at
            FROM policy.progress_reports r
            WHERE r.target_id IN (SELECT subject_id FROM cadenced WHERE subject_type = 'target') AND r.period_end <= @as_of
              AND (@unit_id IS NULL OR r.unit_id = @unit_id)
          UNION ALL
            SELECT 'measure', r.measure_id, r.id, r.unit_id, r.period_code, r.status, r.first_submitted_at, r.updated_at
            FROM policy.progress_reports r
            WHERE r.measure_id IN (SELECT subject_id FROM cadenced WHERE subject_type = 'measure') AND r.period_end <= @as_of
              AND (@unit_id IS NULL OR r.unit_id = @unit_id)),
        reports_then AS (
            SELECT DISTINCT ON (s.subject_type, s.subject_id, s.unit_id, s.period_code)
                   s.subject_type, s.subject_id, s.unit_id, s.period_code, s.id, s.status, s.first_submitted_at
            FROM (SELECT s.subject_type, s.subject_id, s.unit_id, s.period_code, s.id, s.first_submitted_at,
                         CASE WHEN s.updated_at < known.at THEN s.status
                              ELSE (SELECT x.status FROM policy.progress_report_revisions x
                                    WHERE x.report_id = s.id AND x.at < known.at ORDER BY x.number DESC LIMIT 1) END AS status
                  FROM subject_reports s CROSS JOIN known) s
            WHERE s.status IS NOT NULL
            ORDER BY s.subject_type, s.subject_id, s.unit_id, s.period_code, (s.status IN ('Submitted', 'Accepted')) DESC, s.first_submitted_at NULLS LAST),
        matched AS (
            SELECT c.*, u.name AS unit_name, r.id AS report_id, r.status AS report_status,
                   (r.first_submitted_at AT TIME ZONE @time_zone)::date AS first_submitted_on
            FROM coded c
            JOIN policy.responsible_units u ON u.id = c.unit_id
            LEFT JOIN reports_then r
              ON r.subject_type = c.subject_type AND r.subject_id = c.subject_id AND r.unit_id = c.unit_id AND r.period_code = c.period_code),
        classified AS (
            SELECT m.*,
                   CASE WHEN m.report_status IN ('Submitted', 'Accepted') AND m.first_submitted_on <= @as_of
                            THEN lower(m.report_status)
                        WHEN @as_of > m.due_on THEN 'overdue'
                        ELSE 'due' END AS state
            FROM matched m)
        """;

    /// <summary>Per target and unit, the reports for periods ending by <paramref name="periodsTo"/>, as they stood at the end of <paramref name="knownOn"/>.</summary>
    public async Task<IReadOnlyList<UnitReportAggregate>> ActualsAsync(IReadOnlyCollection<Guid> targetIds, DateOnly periodsTo, DateOnly knownOn, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(ActualsSql, cancellationToken);
        command.Parameters.Add(new NpgsqlParameter("target_ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = targetIds.ToArray() });
        command.Parameters.Add(new NpgsqlParameter("as_of", NpgsqlDbType.Date) { Value = periodsTo });
        command.Parameters.Add(new NpgsqlParameter("known_on", NpgsqlDbType.Date) { Value = knownOn });
        command.Parameters.Add(new NpgsqlParameter("time_zone", NpgsqlDbType.Text) { Value = options.Value.TimeZone });
        var rows = new List<UnitReportAggregate>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new UnitReportAggregate(
                reader.GetGuid(0),
                reader.GetGuid(1),
                NullableDecimal(reader, 2),
                NullableDecimal(reader, 3),
                NullableDecimal(reader, 4),
                NullableDecimal(reader, 5),
                NullableDecimal(reader, 6),
                NullableDecimal(reader, 7),
                NullableDate(reader, 8),
                NullableDate(reader, 9)));
        }

        return rows;
    }

    public async Task<IReadOnlyList<Obligation>> ObligationsAsync(ObligationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = ObligationsCte + """
            SELECT unit_id, unit_name, document_id, subject_type, subject_id, subject_label, subject_title,
                   period_code, period_start, period_end, due_on, report_id, report_status, first_submitted_on, state
            FROM classified
            WHERE (NOT @only_unsatisfied OR state IN ('due', 'overdue'))
              AND (NOT @only_overdue OR state = 'overdue')
              AND (@after_due_on IS NULL OR (due_on, unit_id, subject_id, period_code) > (@after_due_on, @after_unit_id, @after_subject_id, @after_period_code))
            ORDER BY due_on, unit_id, subject_id, period_code
            LIMIT @limit
            """;
        await using var command = await ObligationCommandAsync(sql, query, cancellationToken);
        command.Parameters.Add(new NpgsqlParameter("only_unsatisfied", NpgsqlDbType.Boolean) { Value = query.OnlyUnsatisfied });
        command.Parameters.Add(new NpgsqlParameter("only_overdue", NpgsqlDbType.Boolean) { Value = query.OnlyOverdue });
        command.Parameters.Add(Nullable("after_due_on", NpgsqlDbType.Date, query.After?.DueOn));
        command.Parameters.Add(Nullable("after_unit_id", NpgsqlDbType.Uuid, query.After?.UnitId));
        command.Parameters.Add(Nullable("after_subject_id", NpgsqlDbType.Uuid, query.After?.SubjectId));
        command.Parameters.Add(Nullable("after_period_code", NpgsqlDbType.Text, query.After?.PeriodCode));
        command.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = query.Limit });
        var rows = new List<Obligation>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new Obligation(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetGuid(2),
                reader.GetString(3),
                reader.GetGuid(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetString(6),
                reader.GetString(7),
                reader.GetFieldValue<DateOnly>(8),
                reader.GetFieldValue<DateOnly>(9),
                reader.GetFieldValue<DateOnly>(10),
                reader.IsDBNull(11) ? null : reader.GetGuid(11),
                reader.IsDBNull(12) ? null : reader.GetString(12),
                NullableDate(reader, 13),
                reader.GetString(14)));
        }

        return rows;
    }

    /// <summary>Each unit's reporting record over the obligations the query selects.</summary>
    public async Task<IReadOnlyList<ReportingRecord>> ReportingRecordsAsync(ObligationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = ObligationsCte + """
            SELECT unit_id, unit_name,
                   count(*)::int AS due,
                   count(*) FILTER (WHERE state IN ('submitted', 'accepted'))::int AS submitted,
                   count(*) FILTER (WHERE state = 'accepted')::int AS accepted,
                   count(*) FILTER (WHERE state IN ('submitted', 'accepted') AND first_submitted_on > due_on)::int AS late,
                   count(*) FILTER (WHERE state = 'overdue')::int AS overdue,
                   count(*) FILTER (WHERE report_status = 'Returned')::int AS returned
            FROM classified
            GROUP BY unit_id, unit_name
            ORDER BY unit_name, unit_id
            """;
        await using var command = await ObligationCommandAsync(sql, query, cancellationToken);
        var rows = new List<ReportingRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ReportingRecord(reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7)));
        }

        return rows;
    }

    private async Task<NpgsqlCommand> ObligationCommandAsync(string sql, ObligationQuery query, CancellationToken cancellationToken)
    {
        var command = await CommandAsync(sql, cancellationToken);
        command.Parameters.Add(new NpgsqlParameter("as_of", NpgsqlDbType.Date) { Value = query.AsOf });
        command.Parameters.Add(Nullable("document_id", NpgsqlDbType.Uuid, query.DocumentId));
        command.Parameters.Add(Nullable("unit_id", NpgsqlDbType.Uuid, query.UnitId));
        command.Parameters.Add(Nullable("period_end_from", NpgsqlDbType.Date, query.PeriodEndFrom));
        command.Parameters.Add(Nullable("period_end_to", NpgsqlDbType.Date, query.PeriodEndTo));
        command.Parameters.Add(new NpgsqlParameter("time_zone", NpgsqlDbType.Text) { Value = options.Value.TimeZone });
        return command;
    }

    private async Task<NpgsqlCommand> CommandAsync(string sql, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        return new NpgsqlCommand(sql, connection)
        {
            Transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction,
            CommandTimeout = budget.CurrentSeconds,
        };
    }

    private static NpgsqlParameter Nullable<T>(string name, NpgsqlDbType type, T? value)
        where T : struct => new(name, type) { Value = value.HasValue ? value.Value : DBNull.Value };

    private static NpgsqlParameter Nullable(string name, NpgsqlDbType type, string? value) =>
        new(name, type) { Value = (object?)value ?? DBNull.Value };

    private static decimal? NullableDecimal(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDecimal(ordinal);

    private static DateOnly? NullableDate(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateOnly>(ordinal);
}

/// <summary>Configuration section <c>Supervision</c>.</summary>
public sealed class SupervisionOptions
{
    public const string Section = "Supervision";

    /// <summary>The time zone in which submission times are compared with due dates (dates in the documents are local).</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

}
