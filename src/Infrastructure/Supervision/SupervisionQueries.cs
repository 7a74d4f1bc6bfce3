using System.Data.Common;
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
    DateOnly? ReportedLatestEnd,
    DateTimeOffset? AcceptedLatestSubmittedAt = null,
    DateTimeOffset? ReportedLatestSubmittedAt = null);

/// <summary>What a report is about.</summary>
public enum ObligationSubjectType
{
    Measure,
    Target,
}

/// <summary>Where an obligation stands on a date.</summary>
public enum ObligationState
{
    /// <summary>The period is over and the report is not in, but its due date has not passed.</summary>
    Due,

    /// <summary>Past its due date and still not submitted.</summary>
    Overdue,

    /// <summary>Submitted by then, not (yet) accepted.</summary>
    Submitted,

    /// <summary>Accepted by then.</summary>
    Accepted,
}

/// <summary>What one unit owes for one subject (measure or target) and period, and what it has done about it.</summary>
public sealed record Obligation(
    Guid UnitId,
    string UnitName,
    Guid DocumentId,
    ObligationSubjectType SubjectType,
    Guid SubjectId,
    string? SubjectLabel,
    string SubjectTitle,
    string PeriodCode,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    DateOnly DueOn,
    Guid? ReportId,
    PolicyApi.Domain.Reports.ReportStatus? ReportStatus,
    DateOnly? FirstSubmittedOn,
    ObligationState State);

/// <summary>One unit's reporting record over a set of obligations.</summary>
public sealed record ReportingRecord(Guid UnitId, string UnitName, int Due, int Submitted, int Accepted, int Late, int Overdue, int Returned);

/// <summary>Which obligations to compute.</summary>
/// <param name="AsOf">The date the question is asked on: periods ended by then are owed; those past their due date unsatisfied are overdue.</param>
/// <param name="PeriodEndFrom">Only periods ending on or after this date.</param>
/// <param name="PeriodEndTo">Only periods ending on or before this date.</param>
/// <param name="OnlyOverdue">Only obligations past their due date and unmet (for the lists of unmet obligations).</param>
public sealed record ObligationQuery(
    DateOnly AsOf,
    Guid? DocumentId = null,
    Guid? UnitId = null,
    DateOnly? PeriodEndFrom = null,
    DateOnly? PeriodEndTo = null,
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
    // A proposed correction is a revision that never was the report's state: the lookups of what stood then skip it.
    // Reports count as they stood at the end of @known_on (in the supervising time zone): their status and value
    // then, read from the kept revisions — a report accepted later does not count yet, one returned later still does.
    private const string ActualsSql = """
        WITH t AS (
            -- A growth target takes the reports of its absolute target once it has a baseline to compare them with.
            SELECT id, CASE WHEN baseline_value IS NULL THEN id ELSE coalesce(based_on_target_id, id) END AS source_id, period_start
            FROM policy.targets WHERE id = ANY(@target_ids)),
        known AS (SELECT ((@known_on + 1)::timestamp AT TIME ZONE @time_zone) AS at),
        -- A report last changed before then stands as it is now; only the others are looked up in their history.
        r AS (
            SELECT t.id AS target_id, p.unit_id, p.period_end, p.first_submitted_at,
                   CASE WHEN p.updated_at < known.at THEN p.status ELSE v.status END AS status,
                   CASE WHEN p.updated_at < known.at THEN p.value ELSE v.value END AS value
            FROM t
            -- Per target, through its index: OFFSET 0 keeps the planner from turning this into a join that reads every report.
            CROSS JOIN LATERAL (
                SELECT p.* FROM policy.progress_reports p
                WHERE p.target_id = t.source_id AND p.period_start >= t.period_start AND p.period_end <= @as_of
                OFFSET 0) p
            CROSS JOIN known
            LEFT JOIN LATERAL (
                SELECT x.status, x.value FROM policy.progress_report_revisions x
                WHERE p.updated_at >= known.at AND x.report_id = p.id AND x.at < known.at AND x.action <> 'CorrectionProposed'
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
               max(r.period_end) AS reported_latest_end,
               (array_agg(r.first_submitted_at ORDER BY r.period_end DESC, r.first_submitted_at DESC) FILTER (WHERE r.status = 'Accepted'))[1] AS accepted_latest_submitted_at,
               (array_agg(r.first_submitted_at ORDER BY r.period_end DESC, r.first_submitted_at DESC))[1] AS reported_latest_submitted_at
        FROM counted r
        GROUP BY r.target_id, r.unit_id
        """;

    // The obligations a query selects: periods ended by @as_of, of a document, a unit, periods ending within a span.
    private const string Selects = """
              o.period_end <= @as_of
              AND (@document_id IS NULL OR o.document_id = @document_id)
              AND (@unit_id IS NULL OR o.unit_id = @unit_id)
              AND (@period_end_from IS NULL OR o.period_end >= @period_end_from)
              AND (@period_end_to IS NULL OR o.period_end <= @period_end_to)
        """;

    // The start of the day after @as_of where the documents are: what happened before it was known on @as_of.
    private const string DayAfter = "((@as_of + 1)::timestamp AT TIME ZONE @time_zone)";

    // Each selected obligation in the state it was in at the end of @as_of: its answering report's status then — the
    // current one when the report was last changed before then, else the last revision made by then (none: the
    // report did not exist yet). {0} narrows the obligations further.
    private const string ClassifiedCte = $$"""
        WITH selected AS (
            SELECT o.*,
                   CASE WHEN o.report_updated_at IS NULL OR o.report_updated_at < {{DayAfter}} THEN o.report_status
                        ELSE (SELECT x.status FROM policy.progress_report_revisions x
                              WHERE x.report_id = o.report_id AND x.at < {{DayAfter}} AND x.action <> 'CorrectionProposed' ORDER BY x.number DESC LIMIT 1) END AS status_then
            FROM policy.reporting_obligations o
            WHERE {{Selects}}
              AND {0}),
        classified AS (
            SELECT s.*, (s.first_submitted_at AT TIME ZONE @time_zone)::date AS first_submitted_on,
                   CASE WHEN s.status_then IN ('Submitted', 'Accepted') AND (s.first_submitted_at AT TIME ZONE @time_zone)::date <= @as_of
                            THEN s.status_then
                        WHEN @as_of > s.due_on THEN 'Overdue'
                        ELSE 'Due' END AS state
            FROM selected s)
        """;

    private const string Keyset = "(@after_due_on IS NULL OR (o.due_on, o.unit_id, o.subject_id, o.period_code) > (@after_due_on, @after_unit_id, @after_subject_id, @after_period_code))";

    private const string PageColumns = "o.unit_id, o.document_id, o.subject_type, o.subject_id, o.period_code, o.period_start, o.period_end, o.due_on, o.report_id";

    // A page of unmet obligations in due order. Two parts, each read in the order of an index:
    //  - open now (no report, a draft or a returned one) and unchanged since @as_of: open then, overdue once past due.
    //    A partial index holds only these, so a page reads about a page of rows however many obligations were met;
    //  - changed after @as_of (a handful for today's questions; more for a day long past): classified as they stood then.
    private static readonly string UnmetPageSql = ClassifiedCte.Replace("{0}", $"o.report_updated_at >= {DayAfter}", StringComparison.Ordinal) + $$"""
        , page AS (
            (SELECT {{PageColumns}}, o.report_status AS status_then, (o.first_submitted_at AT TIME ZONE @time_zone)::date AS first_submitted_on,
                    CASE WHEN @as_of > o.due_on THEN 'Overdue' ELSE 'Due' END AS state
             FROM policy.reporting_obligations o
             WHERE (o.report_status IS NULL OR o.report_status NOT IN ('Submitted', 'Accepted'))
               AND (o.report_updated_at IS NULL OR o.report_updated_at < {{DayAfter}})
               AND {{Selects}}
               AND (NOT @only_overdue OR o.due_on < @as_of)
               AND {{Keyset}}
             ORDER BY o.due_on, o.unit_id, o.subject_id, o.period_code
             LIMIT @limit)
            UNION ALL
            (SELECT {{PageColumns}}, o.status_then, o.first_submitted_on, o.state
             FROM classified o
             WHERE o.state IN ('Due', 'Overdue') AND (NOT @only_overdue OR o.state = 'Overdue') AND {{Keyset}}
             ORDER BY o.due_on, o.unit_id, o.subject_id, o.period_code
             LIMIT @limit))
        SELECT c.unit_id, u.name, c.document_id, c.subject_type, c.subject_id, m.label, coalesce(m.title, t.indicator),
               c.period_code, c.period_start, c.period_end, c.due_on, c.report_id, c.status_then, c.first_submitted_on, c.state
        FROM (SELECT * FROM page ORDER BY due_on, unit_id, subject_id, period_code LIMIT @limit) c
        -- Names are joined to the page only: joined inside, the planner (misjudging the state filter) compared
        -- every unit with every obligation of a document (4 M comparisons at 15 M rows).
        JOIN policy.responsible_units u ON u.id = c.unit_id
        LEFT JOIN policy.measures m ON c.subject_type = 'Measure' AND m.id = c.subject_id
        LEFT JOIN policy.targets t ON c.subject_type = 'Target' AND t.id = c.subject_id
        ORDER BY c.due_on, c.unit_id, c.subject_id, c.period_code
        """;

    private static readonly string AllClassifiedCte = ClassifiedCte.Replace("{0}", "true", StringComparison.Ordinal);

    /// <summary>Per target and unit, the reports for periods ending by <paramref name="periodsTo"/>, as they stood at the end of <paramref name="knownOn"/>.</summary>
    public async Task<IReadOnlyList<UnitReportAggregate>> ActualsAsync(IReadOnlyCollection<Guid> targetIds, DateOnly periodsTo, DateOnly knownOn, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(ActualsSql, cancellationToken);
        command.Parameters.Add(new NpgsqlParameter("target_ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = targetIds.ToArray() });
        command.Parameters.Add(new NpgsqlParameter("as_of", NpgsqlDbType.Date) { Value = periodsTo });
        command.Parameters.Add(new NpgsqlParameter("known_on", NpgsqlDbType.Date) { Value = knownOn });
        command.Parameters.Add(new NpgsqlParameter("time_zone", NpgsqlDbType.Text) { Value = options.Value.TimeZone });
        return await ReadAllAsync(
            command,
            reader => new UnitReportAggregate(
                reader.GetGuid(0),
                reader.GetGuid(1),
                NullableDecimal(reader, 2),
                NullableDecimal(reader, 3),
                NullableDecimal(reader, 4),
                NullableDecimal(reader, 5),
                NullableDecimal(reader, 6),
                NullableDecimal(reader, 7),
                NullableDate(reader, 8),
                NullableDate(reader, 9),
                reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
                reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11)),
            cancellationToken);
    }

    public async Task<IReadOnlyList<Obligation>> ObligationsAsync(ObligationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = UnmetPageSql;
        await using var command = await ObligationCommandAsync(sql, query, cancellationToken);
        command.Parameters.Add(new NpgsqlParameter("only_overdue", NpgsqlDbType.Boolean) { Value = query.OnlyOverdue });
        command.Parameters.Add(Nullable("after_due_on", NpgsqlDbType.Date, query.After?.DueOn));
        command.Parameters.Add(Nullable("after_unit_id", NpgsqlDbType.Uuid, query.After?.UnitId));
        command.Parameters.Add(Nullable("after_subject_id", NpgsqlDbType.Uuid, query.After?.SubjectId));
        command.Parameters.Add(Nullable("after_period_code", NpgsqlDbType.Text, query.After?.PeriodCode));
        command.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = query.Limit });
        return await ReadAllAsync(
            command,
            reader => new Obligation(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetGuid(2),
                Enum.Parse<ObligationSubjectType>(reader.GetString(3)),
                reader.GetGuid(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetString(6),
                reader.GetString(7),
                reader.GetFieldValue<DateOnly>(8),
                reader.GetFieldValue<DateOnly>(9),
                reader.GetFieldValue<DateOnly>(10),
                reader.IsDBNull(11) ? null : reader.GetGuid(11),
                reader.IsDBNull(12) ? null : Enum.Parse<PolicyApi.Domain.Reports.ReportStatus>(reader.GetString(12)),
                NullableDate(reader, 13),
                Enum.Parse<ObligationState>(reader.GetString(14))),
            cancellationToken);
    }

    /// <summary>Each unit's reporting record over the obligations the query selects.</summary>
    public async Task<IReadOnlyList<ReportingRecord>> ReportingRecordsAsync(ObligationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = AllClassifiedCte + """
            SELECT r.unit_id, u.name, r.due, r.submitted, r.accepted, r.late, r.overdue, r.returned
            FROM (
                SELECT unit_id,
                       count(*)::int AS due,
                       count(*) FILTER (WHERE state IN ('Submitted', 'Accepted'))::int AS submitted,
                       count(*) FILTER (WHERE state = 'Accepted')::int AS accepted,
                       count(*) FILTER (WHERE state IN ('Submitted', 'Accepted') AND first_submitted_on > due_on)::int AS late,
                       count(*) FILTER (WHERE state = 'Overdue')::int AS overdue,
                       count(*) FILTER (WHERE status_then = 'Returned')::int AS returned
                FROM classified
                GROUP BY unit_id) r
            JOIN policy.responsible_units u ON u.id = r.unit_id
            ORDER BY u.name, r.unit_id
            """;
        await using var command = await ObligationCommandAsync(sql, query, cancellationToken);
        return await ReadAllAsync(
            command,
            reader => new ReportingRecord(reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7)),
            cancellationToken);
    }

    /// <summary>Runs <paramref name="command"/> and maps each row it answers.</summary>
    private static async Task<IReadOnlyList<T>> ReadAllAsync<T>(NpgsqlCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
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

    /// <summary>Whether this replica checks targets' statuses at all.</summary>
    public bool StatusCheckEnabled { get; set; } = true;

    /// <summary>How often targets' attainment statuses are checked for changes (target.statusChanged).</summary>
    public TimeSpan StatusCheckInterval { get; set; } = TimeSpan.FromHours(1);
}
