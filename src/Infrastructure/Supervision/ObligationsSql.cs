namespace PolicyApi.Infrastructure.Supervision;

/// <summary>
/// The one owner of the supervision rules "who may report on what" and "who owes which report for which period":
/// two tables kept by the database itself, in the transaction of every change that alters them.
/// <list type="bullet">
/// <item><c>reporting_duties</c>: each unit that may report on a measure or target, and whether it owes reports
/// (lead and responsible units, units a blanket assignment covers, a target's shares and scope units owe; cooperating
/// units may report but owe nothing; on a target with neither shares, scope nor measure any unit of the region may).</item>
/// <item><c>reporting_obligations</c>: each owing duty × each period of the subject's cadence (target, else measure,
/// else document) within its window (the target's period, else the document's period or issue date), for active
/// documents, up to <c>obligation_horizon()</c> when the window has no end — with the report that answers it
/// (submitted or accepted before a draft; the first submitted first).</item>
/// </list>
/// Statement-level triggers refresh the subjects a change touches; a row trigger on reports relinks the obligation a
/// report answers. <c>policy.refresh_obligations(document, subjects)</c> rebuilds a document (or everything).
/// </summary>
public static class ObligationsSql
{
    public static string Create => CreateTables + "\n\n" + ExtendByOpenWindows + "\n" + TriggerFunctions + "\n" + CreateTriggers;

    private const string CreateTables = """
        CREATE TABLE policy.reporting_duties (
            subject_id uuid NOT NULL,
            unit_id uuid NOT NULL REFERENCES policy.responsible_units (id) ON DELETE CASCADE,
            subject_type text NOT NULL CHECK (subject_type IN ('Measure', 'Target')),
            document_id uuid NOT NULL,
            owes boolean NOT NULL,
            PRIMARY KEY (subject_id, unit_id));
        CREATE INDEX ix_reporting_duties_unit ON policy.reporting_duties (unit_id);
        CREATE INDEX ix_reporting_duties_document ON policy.reporting_duties (document_id);

        CREATE TABLE policy.reporting_obligations (
            subject_id uuid NOT NULL,
            unit_id uuid NOT NULL REFERENCES policy.responsible_units (id) ON DELETE CASCADE,
            period_code text NOT NULL,
            subject_type text NOT NULL CHECK (subject_type IN ('Measure', 'Target')),
            document_id uuid NOT NULL,
            period_start date NOT NULL,
            period_end date NOT NULL,
            due_on date NOT NULL,
            report_id uuid,
            report_status text,
            first_submitted_at timestamptz,
            report_updated_at timestamptz,
            PRIMARY KEY (subject_id, unit_id, period_code));
        CREATE INDEX ix_reporting_obligations_due ON policy.reporting_obligations (due_on, unit_id, subject_id, period_code);
        CREATE INDEX ix_reporting_obligations_document_due ON policy.reporting_obligations (document_id, due_on, unit_id, subject_id, period_code);
        CREATE INDEX ix_reporting_obligations_unit_due ON policy.reporting_obligations (unit_id, due_on, subject_id, period_code);
        CREATE INDEX ix_reporting_obligations_document_period ON policy.reporting_obligations (document_id, period_end);

        -- Open-ended windows are laid out to the end of next year; a daily job extends them.
        CREATE FUNCTION policy.obligation_horizon() RETURNS date LANGUAGE sql STABLE AS $$
            SELECT (date_trunc('year', now()) + interval '2 years' - interval '1 day')::date
        $$;

        CREATE FUNCTION policy.duty_source(p_document uuid, p_subjects uuid[])
        RETURNS TABLE (subject_id uuid, unit_id uuid, subject_type text, document_id uuid, owes boolean)
        LANGUAGE sql STABLE AS $$
            WITH m AS (
                SELECT m.id, m.document_id, m.kind, m.blanket_unit_kinds
                FROM policy.measures m
                WHERE (p_document IS NULL OR m.document_id = p_document) AND (p_subjects IS NULL OR m.id = ANY (p_subjects))),
            t AS (
                SELECT t.id, t.document_id, t.measure_id,
                       EXISTS (SELECT 1 FROM policy.target_allocations a WHERE a.target_id = t.id)
                    OR EXISTS (SELECT 1 FROM policy.target_scope_units s WHERE s.target_id = t.id) AS bound
                FROM policy.targets t
                WHERE (p_document IS NULL OR t.document_id = p_document) AND (p_subjects IS NULL OR t.id = ANY (p_subjects))),
            by_measure AS (
                -- Who may report on a measure, and who owes: lead and responsible units of a measure, sub-item or task row.
                SELECT a.measure_id, a.unit_id, a.role IN ('Lead', 'Responsible') AS owes_by_role
                FROM policy.measure_assignments a
                WHERE a.measure_id IN (SELECT id FROM m UNION SELECT measure_id FROM t WHERE measure_id IS NOT NULL)
              UNION ALL
                SELECT x.id, u.id, NULL
                FROM policy.measures x
                JOIN policy.documents d ON d.id = x.document_id
                JOIN policy.responsible_units u ON u.region = d.region AND u.kind = ANY (x.blanket_unit_kinds)
                WHERE x.id IN (SELECT id FROM m UNION SELECT measure_id FROM t WHERE measure_id IS NOT NULL)
                  AND NOT EXISTS (SELECT 1 FROM policy.measure_assignments a WHERE a.measure_id = x.id AND a.unit_id = u.id))
            SELECT m.id, b.unit_id, 'Measure', m.document_id,
                   m.kind IN ('Measure', 'SubItem', 'Task') AND coalesce(b.owes_by_role, true)
            FROM m JOIN by_measure b ON b.measure_id = m.id
          UNION ALL
            SELECT t.id, a.unit_id, 'Target', t.document_id, true
            FROM t JOIN policy.target_allocations a ON a.target_id = t.id
          UNION ALL
            SELECT t.id, s.unit_id, 'Target', t.document_id, true
            FROM t JOIN policy.target_scope_units s ON s.target_id = t.id
            WHERE NOT EXISTS (SELECT 1 FROM policy.target_allocations a WHERE a.target_id = t.id AND a.unit_id = s.unit_id)
          UNION ALL
            -- A target split among no units is owed by its measure's lead and responsible units; the others may report.
            SELECT t.id, b.unit_id, 'Target', t.document_id, coalesce(b.owes_by_role, false)
            FROM t JOIN by_measure b ON b.measure_id = t.measure_id
            WHERE NOT t.bound
          UNION ALL
            SELECT t.id, u.id, 'Target', t.document_id, false
            FROM t
            JOIN policy.documents d ON d.id = t.document_id
            JOIN policy.responsible_units u ON u.region = d.region
            WHERE NOT t.bound AND t.measure_id IS NULL
        $$;

        -- The answering report of each (subject, unit, period): submitted or accepted before a draft, the first submitted first.
        CREATE FUNCTION policy.answering_report(p_subject uuid, p_unit uuid, p_period text)
        RETURNS TABLE (report_id uuid, report_status text, first_submitted_at timestamptz, report_updated_at timestamptz)
        LANGUAGE sql STABLE AS $$
            SELECT r.id, r.status, r.first_submitted_at, r.updated_at
            FROM policy.progress_reports r
            WHERE (r.target_id = p_subject OR r.measure_id = p_subject) AND r.unit_id = p_unit AND r.period_code = p_period
            ORDER BY (r.status IN ('Submitted', 'Accepted')) DESC, r.first_submitted_at NULLS LAST
            LIMIT 1
        $$;

        CREATE FUNCTION policy.refresh_obligations(p_document uuid, p_subjects uuid[]) RETURNS void
        LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM policy.reporting_duties x
            WHERE (p_subjects IS NULL AND (p_document IS NULL OR x.document_id = p_document)) OR x.subject_id = ANY (p_subjects);
            DELETE FROM policy.reporting_obligations x
            WHERE (p_subjects IS NULL AND (p_document IS NULL OR x.document_id = p_document)) OR x.subject_id = ANY (p_subjects);

            INSERT INTO policy.reporting_duties (subject_id, unit_id, subject_type, document_id, owes)
            SELECT DISTINCT ON (s.subject_id, s.unit_id) s.subject_id, s.unit_id, s.subject_type, s.document_id, s.owes
            FROM policy.duty_source(p_document, p_subjects) s
            ORDER BY s.subject_id, s.unit_id, s.owes DESC;

            WITH cadenced AS (
                SELECT t.id AS subject_id, coalesce(t.cadence_frequency, m.cadence_frequency, d.cadence_frequency) AS frequency,
                       coalesce(CASE WHEN t.cadence_frequency IS NOT NULL THEN t.cadence_grace_days END,
                                CASE WHEN m.cadence_frequency IS NOT NULL THEN m.cadence_grace_days END,
                                d.cadence_grace_days, 0) AS grace_days,
                       t.period_start AS window_start, t.period_end AS window_end
                FROM policy.targets t
                JOIN policy.documents d ON d.id = t.document_id AND d.status = 'Active'
                LEFT JOIN policy.measures m ON m.id = t.measure_id
                WHERE (p_document IS NULL OR t.document_id = p_document) AND (p_subjects IS NULL OR t.id = ANY (p_subjects))
              UNION ALL
                SELECT m.id, coalesce(m.cadence_frequency, d.cadence_frequency),
                       coalesce(CASE WHEN m.cadence_frequency IS NOT NULL THEN m.cadence_grace_days END, d.cadence_grace_days, 0),
                       coalesce(d.period_from, d.issued_on), d.period_to
                FROM policy.measures m
                JOIN policy.documents d ON d.id = m.document_id AND d.status = 'Active'
                WHERE (p_document IS NULL OR m.document_id = p_document) AND (p_subjects IS NULL OR m.id = ANY (p_subjects))),
            periods AS (
                SELECT x.subject_id, x.unit_id, x.subject_type, x.document_id, c.frequency, c.window_start,
                       g.start::date AS period_start, (g.start + f.step - interval '1 day')::date AS period_end, c.grace_days
                FROM policy.reporting_duties x
                JOIN cadenced c ON c.subject_id = x.subject_id AND c.frequency IS NOT NULL AND c.window_start IS NOT NULL
                CROSS JOIN LATERAL (SELECT
                    CASE c.frequency WHEN 'Weekly' THEN interval '1 week' WHEN 'Monthly' THEN interval '1 month'
                                     WHEN 'Quarterly' THEN interval '3 months' WHEN 'HalfYearly' THEN interval '6 months'
                                     ELSE interval '1 year' END AS step,
                    CASE c.frequency WHEN 'Weekly' THEN 'week' WHEN 'Monthly' THEN 'month' WHEN 'Quarterly' THEN 'quarter'
                                     ELSE 'year' END AS unit) f
                CROSS JOIN LATERAL generate_series(
                    date_trunc(f.unit, c.window_start::timestamp),
                    least(coalesce(c.window_end, policy.obligation_horizon()), policy.obligation_horizon())::timestamp,
                    f.step) g(start)
                WHERE x.owes
                  AND ((p_subjects IS NULL AND (p_document IS NULL OR x.document_id = p_document)) OR x.subject_id = ANY (p_subjects))),
            coded AS (
                SELECT p.*,
                       CASE p.frequency
                           WHEN 'Weekly' THEN to_char(p.period_start, 'IYYY-"W"IW')
                           WHEN 'Monthly' THEN to_char(p.period_start, 'YYYY-"M"MM')
                           WHEN 'Quarterly' THEN to_char(p.period_start, 'YYYY-"Q"Q')
                           WHEN 'HalfYearly' THEN to_char(p.period_start, 'YYYY') || '-H' || CASE WHEN extract(month FROM p.period_start) <= 6 THEN '1' ELSE '2' END
                           ELSE to_char(p.period_start, 'YYYY') END AS period_code
                FROM periods p
                WHERE p.period_end >= p.window_start)
            INSERT INTO policy.reporting_obligations
                (subject_id, unit_id, period_code, subject_type, document_id, period_start, period_end, due_on,
                 report_id, report_status, first_submitted_at, report_updated_at)
            SELECT c.subject_id, c.unit_id, c.period_code, c.subject_type, c.document_id, c.period_start, c.period_end,
                   c.period_end + c.grace_days, a.report_id, a.report_status, a.first_submitted_at, a.report_updated_at
            FROM coded c
            LEFT JOIN LATERAL policy.answering_report(c.subject_id, c.unit_id, c.period_code) a ON true;
        END $$;
        """;

    /// <summary>The first rule for extending obligations to the horizon (replaced by <see cref="Horizon"/>).</summary>
    private const string ExtendByOpenWindows = """
        -- Open-ended windows reach the horizon again (run daily; cheap when nothing is missing).
        CREATE FUNCTION policy.extend_obligations() RETURNS integer
        LANGUAGE plpgsql AS $$
        DECLARE d uuid; n integer := 0;
        BEGIN
            FOR d IN
                SELECT o.document_id FROM policy.reporting_obligations o
                JOIN policy.documents doc ON doc.id = o.document_id AND doc.period_to IS NULL
                GROUP BY o.document_id
                HAVING max(o.period_end) < policy.obligation_horizon() - 366
            LOOP
                PERFORM policy.refresh_obligations(d, NULL);
                n := n + 1;
            END LOOP;
            RETURN n;
        END $$;
        """;

    /// <summary>The statement triggers' functions: each works out the subjects (or documents) a change touches.</summary>
    private static string TriggerFunctions =>
        string.Join("\n\n", OnMeasures, OnRowsOfParents("obligations_on_assignments", "measure_id", MeasuresAndTheirTargets),
            OnRowsOfParents("obligations_on_targets", "id", "ids"), OnRowsOfParents("obligations_on_target_units", "target_id", "ids"), OnDocumentsAndUnits);

    /// <summary>The measures changed (<c>ids</c>) and their targets: a target without units of its own is owed by its measure's.</summary>
    private const string MeasuresAndTheirTargets = "ids || coalesce((SELECT array_agg(t.id) FROM policy.targets t WHERE t.measure_id = ANY (ids)), '{}')";

    private const string OnMeasures = $$"""
        CREATE FUNCTION policy.obligations_on_measures() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE ids uuid[];
        BEGIN
            IF TG_OP = 'INSERT' THEN
                SELECT array_agg(n.id) INTO ids FROM new_rows n;
            ELSIF TG_OP = 'DELETE' THEN
                SELECT array_agg(o.id) INTO ids FROM old_rows o;
            ELSE
                SELECT array_agg(n.id) INTO ids FROM new_rows n JOIN old_rows o ON o.id = n.id
                WHERE n.kind IS DISTINCT FROM o.kind OR n.cadence_frequency IS DISTINCT FROM o.cadence_frequency
                   OR n.cadence_grace_days IS DISTINCT FROM o.cadence_grace_days OR n.blanket_unit_kinds IS DISTINCT FROM o.blanket_unit_kinds;
            END IF;
            IF ids IS NOT NULL THEN
                -- A measure's units also owe the targets that have no units of their own.
                PERFORM policy.refresh_obligations(NULL, {{MeasuresAndTheirTargets}});
            END IF;
            RETURN NULL;
        END $$;
        """;

    /// <summary>
    /// The function of a table whose rows each belong to a parent (an assignment to its measure, an allocation or a
    /// scope unit to its target; a target is its own, by <c>id</c>): the parents of the rows inserted, deleted or
    /// updated, refreshed as <paramref name="subjects"/>.
    /// </summary>
    private static string OnRowsOfParents(string function, string parentColumn, string subjects) => $$"""
        CREATE FUNCTION policy.{{function}}() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE ids uuid[];
        BEGIN
            IF TG_OP = 'INSERT' THEN
                SELECT array_agg(DISTINCT n.{{parentColumn}}) INTO ids FROM new_rows n;
            ELSIF TG_OP = 'DELETE' THEN
                SELECT array_agg(DISTINCT o.{{parentColumn}}) INTO ids FROM old_rows o;
            ELSE
                SELECT array_agg(DISTINCT x.{{parentColumn}}) INTO ids FROM (SELECT {{parentColumn}} FROM new_rows UNION SELECT {{parentColumn}} FROM old_rows) x;
            END IF;
            IF ids IS NOT NULL THEN
                PERFORM policy.refresh_obligations(NULL, {{subjects}});
            END IF;
            RETURN NULL;
        END $$;
        """;

    private const string OnDocumentsAndUnits = """
        CREATE FUNCTION policy.obligations_on_documents() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE d uuid;
        BEGIN
            FOR d IN
                SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                WHERE n.status IS DISTINCT FROM o.status OR n.period_from IS DISTINCT FROM o.period_from OR n.period_to IS DISTINCT FROM o.period_to
                   OR n.issued_on IS DISTINCT FROM o.issued_on OR n.region IS DISTINCT FROM o.region
                   OR n.cadence_frequency IS DISTINCT FROM o.cadence_frequency OR n.cadence_grace_days IS DISTINCT FROM o.cadence_grace_days
            LOOP
                PERFORM policy.refresh_obligations(d, NULL);
            END LOOP;
            RETURN NULL;
        END $$;

        -- A unit registered, removed or of another kind changes who a blanket assignment covers, and who may report on a
        -- target that binds no units and has no measure.
        CREATE FUNCTION policy.obligations_on_units() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE ids uuid[]; pairs text[];
        BEGIN
            -- (A transition table exists only for the operations that have it: each branch reads its own.)
            IF TG_OP = 'INSERT' THEN
                SELECT array_agg(DISTINCT n.region || '|' || n.kind) INTO pairs FROM new_rows n;
            ELSIF TG_OP = 'DELETE' THEN
                SELECT array_agg(DISTINCT o.region || '|' || o.kind) INTO pairs FROM old_rows o;
            ELSE
                SELECT array_agg(DISTINCT x.pair) INTO pairs FROM (
                    SELECT n.region || '|' || n.kind AS pair FROM new_rows n JOIN old_rows o ON o.id = n.id
                    WHERE n.kind IS DISTINCT FROM o.kind OR n.region IS DISTINCT FROM o.region
                    UNION SELECT o.region || '|' || o.kind FROM new_rows n JOIN old_rows o ON o.id = n.id
                    WHERE n.kind IS DISTINCT FROM o.kind OR n.region IS DISTINCT FROM o.region) x;
            END IF;
            IF pairs IS NULL THEN
                RETURN NULL;
            END IF;

            SELECT array_agg(DISTINCT s.id) INTO ids FROM (
                SELECT m.id FROM policy.measures m JOIN policy.documents d ON d.id = m.document_id
                WHERE EXISTS (SELECT 1 FROM unnest(m.blanket_unit_kinds) k WHERE d.region || '|' || k = ANY (pairs))
                UNION
                SELECT t.id FROM policy.targets t JOIN policy.measures m ON m.id = t.measure_id JOIN policy.documents d ON d.id = m.document_id
                WHERE EXISTS (SELECT 1 FROM unnest(m.blanket_unit_kinds) k WHERE d.region || '|' || k = ANY (pairs))
                UNION
                SELECT t.id FROM policy.targets t JOIN policy.documents d ON d.id = t.document_id
                WHERE t.measure_id IS NULL AND EXISTS (SELECT 1 FROM unnest(pairs) p WHERE split_part(p, '|', 1) = d.region)) s;
            IF ids IS NOT NULL THEN
                PERFORM policy.refresh_obligations(NULL, ids);
            END IF;
            RETURN NULL;
        END $$;
        """;

    private const string ReportTriggerFunction = """
        -- A report filed, submitted, returned or removed changes which report answers its obligations.
        CREATE FUNCTION policy.obligations_on_reports() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE r record;
        BEGIN
            FOR r IN
                SELECT DISTINCT k.subject_id, k.unit_id, k.period_code FROM (
                    SELECT NEW.target_id AS subject_id, NEW.unit_id, NEW.period_code WHERE TG_OP <> 'DELETE'
                    UNION ALL SELECT NEW.measure_id, NEW.unit_id, NEW.period_code WHERE TG_OP <> 'DELETE'
                    UNION ALL SELECT OLD.target_id, OLD.unit_id, OLD.period_code WHERE TG_OP <> 'INSERT'
                    UNION ALL SELECT OLD.measure_id, OLD.unit_id, OLD.period_code WHERE TG_OP <> 'INSERT') k
                WHERE k.subject_id IS NOT NULL
            LOOP
                UPDATE policy.reporting_obligations o
                SET (report_id, report_status, first_submitted_at, report_updated_at) =
                    (SELECT a.report_id, a.report_status, a.first_submitted_at, a.report_updated_at
                     FROM policy.answering_report(r.subject_id, r.unit_id, r.period_code) a
                     UNION ALL SELECT NULL, NULL, NULL, NULL LIMIT 1)
                WHERE o.subject_id = r.subject_id AND o.unit_id = r.unit_id AND o.period_code = r.period_code;
            END LOOP;
            RETURN NULL;
        END $$;
        """;

    private const string ReportTriggerAndFirstRefresh = """
        CREATE TRIGGER obligations_reports AFTER INSERT OR UPDATE OR DELETE ON policy.progress_reports
            FOR EACH ROW EXECUTE FUNCTION policy.obligations_on_reports();

        SELECT policy.refresh_obligations(NULL, NULL);
        """;

    /// <summary>
    /// The statement triggers, in the order they are created (and dropped the other way round): each named
    /// <c>obligations_{name}_{operation}</c>, on a table of the policy schema, running one of <see cref="TriggerFunctions"/>
    /// with the transition tables its operation has.
    /// </summary>
    private static readonly (string Name, string Table, string Function, string[] Operations)[] StatementTriggers =
    [
        ("measures", "measures", "obligations_on_measures", ["INSERT", "UPDATE", "DELETE"]),
        ("assignments", "measure_assignments", "obligations_on_assignments", ["INSERT", "UPDATE", "DELETE"]),
        ("targets", "targets", "obligations_on_targets", ["INSERT", "UPDATE", "DELETE"]),
        ("allocations", "target_allocations", "obligations_on_target_units", ["INSERT", "UPDATE", "DELETE"]),
        ("scope", "target_scope_units", "obligations_on_target_units", ["INSERT", "DELETE"]),
        ("documents", "documents", "obligations_on_documents", ["UPDATE"]),
        ("units", "responsible_units", "obligations_on_units", ["INSERT", "UPDATE", "DELETE"]),
    ];

    private static IEnumerable<(string Trigger, string Table, string Function, string Operation)> EachStatementTrigger() =>
        StatementTriggers.SelectMany(t => t.Operations.Select(operation =>
            ($"obligations_{t.Name}_{operation.ToLowerInvariant()}", t.Table, t.Function, operation)));

    private static string CreateTriggers => ReportTriggerFunction + "\n" + string.Concat(EachStatementTrigger().Select(t => $"""
        CREATE TRIGGER {t.Trigger} AFTER {t.Operation} ON policy.{t.Table} REFERENCING {TransitionTables(t.Operation)}
            FOR EACH STATEMENT EXECUTE FUNCTION policy.{t.Function}();

        """)) + ReportTriggerAndFirstRefresh;

    private static string TransitionTables(string operation) => operation switch
    {
        "INSERT" => "NEW TABLE AS new_rows",
        "DELETE" => "OLD TABLE AS old_rows",
        _ => "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    };

    public static string Drop => "DROP TRIGGER IF EXISTS obligations_reports ON policy.progress_reports;\n"
        + string.Concat(EachStatementTrigger().Reverse().Select(t => $"DROP TRIGGER IF EXISTS {t.Trigger} ON policy.{t.Table};\n"))
        + """
        DROP FUNCTION IF EXISTS policy.obligations_on_reports();
        DROP FUNCTION IF EXISTS policy.obligations_on_units();
        DROP FUNCTION IF EXISTS policy.obligations_on_documents();
        DROP FUNCTION IF EXISTS policy.obligations_on_target_units();
        DROP FUNCTION IF EXISTS policy.obligations_on_targets();
        DROP FUNCTION IF EXISTS policy.obligations_on_assignments();
        DROP FUNCTION IF EXISTS policy.obligations_on_measures();
        DROP FUNCTION IF EXISTS policy.extend_obligations();
        DROP FUNCTION IF EXISTS policy.refresh_obligations(uuid, uuid[]);
        DROP FUNCTION IF EXISTS policy.answering_report(uuid, uuid, text);
        DROP FUNCTION IF EXISTS policy.duty_source(uuid, uuid[]);
        DROP FUNCTION IF EXISTS policy.obligation_horizon();
        DROP TABLE IF EXISTS policy.reporting_obligations;
        DROP TABLE IF EXISTS policy.reporting_duties;
        """;

    /// <summary>
    /// The horizon obligations are laid out to is kept (policy.obligation_state), and extend_obligations() lays out
    /// every active document again once the horizon has moved on (a new year): once a year, whatever the windows.
    /// </summary>
    public const string Horizon = """
        CREATE TABLE policy.obligation_state (
            singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            horizon date NOT NULL);
        INSERT INTO policy.obligation_state (horizon) VALUES (policy.obligation_horizon());

        CREATE OR REPLACE FUNCTION policy.extend_obligations() RETURNS integer
        LANGUAGE plpgsql AS $$
        DECLARE laid_out date; wanted date := policy.obligation_horizon(); d uuid; n integer := 0;
        BEGIN
            SELECT horizon INTO laid_out FROM policy.obligation_state FOR UPDATE;
            IF laid_out IS NOT NULL AND laid_out >= wanted THEN
                RETURN 0;
            END IF;

            FOR d IN SELECT doc.id FROM policy.documents doc WHERE doc.status = 'Active' ORDER BY doc.id
            LOOP
                PERFORM policy.refresh_obligations(d, NULL);
                n := n + 1;
            END LOOP;

            INSERT INTO policy.obligation_state (horizon) VALUES (wanted)
            ON CONFLICT (singleton) DO UPDATE SET horizon = EXCLUDED.horizon;
            RETURN n;
        END $$;
        """;

    public static string HorizonDrop => """
        DROP TABLE IF EXISTS policy.obligation_state;

        """ + ExtendByOpenWindows.Replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", StringComparison.Ordinal);

    /// <summary>
    /// The triggers queue what a change touches (policy.obligations_pending) instead of refreshing at once; a deferred
    /// constraint trigger refreshes everything queued once, at commit. An import that inserts a thousand rows one
    /// statement at a time refreshes its document once, not a thousand times; the tables are as current as before
    /// for every other transaction, since nobody sees a transaction's rows before it commits.
    /// </summary>
    public static string AtCommit => """
        CREATE TABLE policy.obligations_pending (
            txid bigint NOT NULL DEFAULT txid_current(),
            document_id uuid,
            subject_id uuid);
        CREATE INDEX ix_obligations_pending_txid ON policy.obligations_pending (txid);

        CREATE FUNCTION policy.queue_obligations(p_document uuid, p_subjects uuid[]) RETURNS void
        LANGUAGE sql AS $$
            INSERT INTO policy.obligations_pending (document_id, subject_id)
            SELECT p_document, NULL WHERE p_document IS NOT NULL
            UNION ALL
            SELECT NULL, s FROM unnest(p_subjects) s WHERE p_document IS NULL AND s IS NOT NULL
        $$;

        -- Fires for each queued row at commit; the first takes the whole queue of its transaction, the others find it empty.
        CREATE FUNCTION policy.flush_obligations() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE documents uuid[]; subjects uuid[]; d uuid;
        BEGIN
            WITH taken AS (
                DELETE FROM policy.obligations_pending p WHERE p.txid = txid_current()
                RETURNING p.document_id, p.subject_id)
            SELECT array_agg(DISTINCT document_id) FILTER (WHERE document_id IS NOT NULL),
                   array_agg(DISTINCT subject_id) FILTER (WHERE subject_id IS NOT NULL)
            INTO documents, subjects FROM taken;
            FOREACH d IN ARRAY coalesce(documents, '{}')
            LOOP
                PERFORM policy.refresh_obligations(d, NULL);
            END LOOP;
            IF subjects IS NOT NULL THEN
                PERFORM policy.refresh_obligations(NULL, subjects);
            END IF;
            RETURN NULL;
        END $$;

        CREATE CONSTRAINT TRIGGER obligations_flush AFTER INSERT ON policy.obligations_pending
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION policy.flush_obligations();

        """ + TriggerFunctions.Replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", StringComparison.Ordinal)
            .Replace("PERFORM policy.refresh_obligations(", "PERFORM policy.queue_obligations(", StringComparison.Ordinal);

    public static string AtCommitDrop => TriggerFunctions.Replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", StringComparison.Ordinal) + """

        DROP TRIGGER IF EXISTS obligations_flush ON policy.obligations_pending;
        DROP FUNCTION IF EXISTS policy.flush_obligations();
        DROP FUNCTION IF EXISTS policy.queue_obligations(uuid, uuid[]);
        DROP TABLE IF EXISTS policy.obligations_pending;
        """;

    /// <summary>
    /// A rebuild finds the answering report of all its obligations in one pass over the reports on its subjects (a
    /// hash join), instead of one <c>answering_report</c> lookup per obligation: rebuilding a document with 77,200 weekly
    /// obligations (the benchmark's, scale 1) took 13.3 s, which a change of its cadence, status or period spent inside
    /// its request; it now takes about 4 s (44 s → 3.9 s at scale 10), a rebuild of one measure's obligations stays
    /// in tens of milliseconds, and a full rebuild grows with the data instead of faster. Ties between
    /// reports that answer alike are broken by id, in both, so the maintained rows and a rebuild agree.
    /// </summary>
    public static string AnswersAtOnce => Replaced(
        FunctionsAnsweringReports,
        (AnsweringOrder, AnsweringOrder + ", r.id"),
        // The planner's estimate of the rebuild passes the JIT's threshold: compiling it took 2.4 s of a 2.4 s rebuild
        // of one measure in psql. The service's connections turn the JIT off; the function does so for every caller.
        ("LANGUAGE plpgsql AS $$", "LANGUAGE plpgsql SET jit = off AS $$"),
        (LaidOut, LaidOut + ",\n" + Answers),
        ("LEFT JOIN LATERAL policy.answering_report(c.subject_id, c.unit_id, c.period_code) a ON true",
            "LEFT JOIN answers a ON a.subject_id = c.subject_id AND a.unit_id = c.unit_id AND a.period_code = c.period_code"));

    public static string AnswersAtOnceDrop => FunctionsAnsweringReports;

    /// <summary>answering_report and refresh_obligations as <see cref="CreateTables"/> first made them (it ends with them).</summary>
    private static string FunctionsAnsweringReports =>
        CreateTables[CreateTables.IndexOf("CREATE FUNCTION policy.answering_report", StringComparison.Ordinal)..]
            .Replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", StringComparison.Ordinal);

    private const string AnsweringOrder = "ORDER BY (r.status IN ('Submitted', 'Accepted')) DESC, r.first_submitted_at NULLS LAST";

    private const string LaidOut = "WHERE p.period_end >= p.window_start)";

    private const string Answers = """
            -- The reports on the subjects laid out, each under its measure and under its target, read per subject through
            -- their indexes (OFFSET 0 keeps the planner from making it a join that reads every report: a rebuild of one
            -- measure would then scan them all).
            filed AS (
                SELECT s.subject_id, r.unit_id, r.period_code, r.id, r.status, r.first_submitted_at, r.updated_at
                FROM (SELECT DISTINCT c.subject_id FROM coded c) s
                CROSS JOIN LATERAL (
                    SELECT x.* FROM policy.progress_reports x WHERE x.measure_id = s.subject_id
                    UNION ALL
                    SELECT x.* FROM policy.progress_reports x WHERE x.target_id = s.subject_id
                    OFFSET 0) r),
            -- The one that answers each (subject, unit, period), in policy.answering_report's order.
            answers AS (
                SELECT DISTINCT ON (f.subject_id, f.unit_id, f.period_code)
                       f.subject_id, f.unit_id, f.period_code, f.id AS report_id, f.status AS report_status,
                       f.first_submitted_at, f.updated_at AS report_updated_at
                FROM filed f
                ORDER BY f.subject_id, f.unit_id, f.period_code, (f.status IN ('Submitted', 'Accepted')) DESC, f.first_submitted_at NULLS LAST, f.id)
        """;

    /// <summary>The SQL with each of the replacements made; each must find its text exactly once.</summary>
    private static string Replaced(string sql, params (string Old, string New)[] replacements)
    {
        foreach (var (old, replacement) in replacements)
        {
            var at = sql.IndexOf(old, StringComparison.Ordinal);
            if (at < 0 || sql.IndexOf(old, at + 1, StringComparison.Ordinal) >= 0)
            {
                throw new InvalidOperationException($"'{old}' does not stand exactly once in the SQL it should change.");
            }

            sql = string.Concat(sql.AsSpan(0, at), replacement, sql.AsSpan(at + old.Length));
        }

        return sql;
    }

    /// <summary>
    /// The lists of unmet obligations walk a partial index of the open ones (no report, a draft or a returned one)
    /// in due order, and look up the few changed after the day asked about by their report's last change; the full
    /// due-order indexes they replace made a page read past every met obligation before it.
    /// </summary>
    public const string OpenIndexes = """
        DROP INDEX IF EXISTS policy.ix_reporting_obligations_due;
        DROP INDEX IF EXISTS policy.ix_reporting_obligations_document_due;
        CREATE INDEX ix_reporting_obligations_open_due ON policy.reporting_obligations (due_on, unit_id, subject_id, period_code)
            WHERE report_status IS NULL OR report_status NOT IN ('Submitted', 'Accepted');
        CREATE INDEX ix_reporting_obligations_open_document_due ON policy.reporting_obligations (document_id, due_on, unit_id, subject_id, period_code)
            WHERE report_status IS NULL OR report_status NOT IN ('Submitted', 'Accepted');
        CREATE INDEX ix_reporting_obligations_open_unit_due ON policy.reporting_obligations (unit_id, due_on, subject_id, period_code)
            WHERE report_status IS NULL OR report_status NOT IN ('Submitted', 'Accepted');
        CREATE INDEX ix_reporting_obligations_report_updated ON policy.reporting_obligations (report_updated_at)
            WHERE report_updated_at IS NOT NULL;
        """;

    public const string OpenIndexesDrop = """
        DROP INDEX IF EXISTS policy.ix_reporting_obligations_open_due;
        DROP INDEX IF EXISTS policy.ix_reporting_obligations_open_document_due;
        DROP INDEX IF EXISTS policy.ix_reporting_obligations_open_unit_due;
        DROP INDEX IF EXISTS policy.ix_reporting_obligations_report_updated;
        CREATE INDEX ix_reporting_obligations_due ON policy.reporting_obligations (due_on, unit_id, subject_id, period_code);
        CREATE INDEX ix_reporting_obligations_document_due ON policy.reporting_obligations (document_id, due_on, unit_id, subject_id, period_code);
        """;
}
