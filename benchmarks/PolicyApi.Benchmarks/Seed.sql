-- A realistic large data set for the supervision queries: one region, 200 units (20 districts and
-- zones, 180 departments), 5 active documents with 100 measures each (500), 5 units per measure
-- (at scale N: N × the units, districts and documents; {units}, {districts} and {documents} are set by the benchmark)
-- (1 lead, 3 responsible, 1 cooperating), 100 targets of three years split among the 20 districts,
-- three years (2019–2021) of weekly reports on measures and monthly reports on targets (≈3% never
-- filed, ≈1% returned, ≈2% submitted and unreviewed), each with its revisions.
SET search_path = policy;
-- Bulk loading: the triggers that keep reporting obligations (and foreign keys) are off while the data goes in;
-- the obligations are then laid out once, by the same command that rebuilds them after any repair.
SET session_replication_role = replica;
SET work_mem = '256MB';

INSERT INTO responsible_units (id, region, name, kind, version, created_at, updated_at)
SELECT gen_random_uuid(), '基准市', CASE WHEN n <= {districts} THEN '第' || n || '区' ELSE '市第' || n || '局' END,
       CASE WHEN n <= {districts} THEN 'DistrictGovernment' ELSE 'Department' END, 1, now(), now()
FROM generate_series(1, {units}) n;

INSERT INTO unit_names (id, unit_id, region, value, key, kind)
SELECT gen_random_uuid(), id, region, name, name, 'Name' FROM responsible_units;

CREATE TEMP TABLE unit_rank AS
SELECT id, row_number() OVER (ORDER BY name) AS n, kind FROM responsible_units;

INSERT INTO documents (id, title, doc_number, doc_number_key, issuer, region, issued_on, kind, period_from, period_to,
                       basis_documents, status, cadence_frequency, cadence_grace_days, version, created_at, updated_at)
SELECT gen_random_uuid(), '基准市稳外资工作方案（第' || d || '号）', '基政发〔2019〕' || d || '号', '基政发〔2019〕' || d || '号',
       '基准市人民政府', '基准市', DATE '2019-01-01', 'WorkPlan', DATE '2019-01-01', DATE '2021-12-31',
       '{}', 'Active', 'Weekly', 2, 1, now(), now()
FROM generate_series(1, {documents}) d;

INSERT INTO measures (id, document_id, label, sequence, title, kind, version, created_at, updated_at)
SELECT gen_random_uuid(), doc.id, '（' || m || '）', m, '措施' || m, 'Measure', 1, now(), now()
FROM documents doc CROSS JOIN generate_series(1, 100) m;

CREATE TEMP TABLE measure_rank AS
SELECT id, row_number() OVER (ORDER BY document_id, sequence) AS n FROM measures;

INSERT INTO measure_assignments (id, measure_id, unit_id, role, sequence, version, created_at, updated_at)
SELECT gen_random_uuid(), mr.id, ur.id,
       CASE k WHEN 0 THEN 'Lead' WHEN 4 THEN 'Cooperating' ELSE 'Responsible' END, k + 1, 1, now(), now()
FROM measure_rank mr CROSS JOIN generate_series(0, 4) k
JOIN unit_rank ur ON ur.n = 1 + ((mr.n * 7 + k * 37) % {units});

INSERT INTO targets (id, document_id, indicator, unit_of_measure, comparator, value, period_start, period_end, direction,
                     accumulation, scope, cadence_frequency, cadence_grace_days, version, created_at, updated_at)
SELECT gen_random_uuid(), doc.id, '指标' || t, '万美元', 'AtLeast', 20000, DATE '2019-01-01', DATE '2021-12-31',
       'HigherIsBetter', 'Cumulative', 'Region', 'Monthly', 5, 1, now(), now()
FROM documents doc CROSS JOIN generate_series(1, 20) t;

INSERT INTO target_allocations (target_id, unit_id, value)
SELECT t.id, ur.id, 1000 FROM targets t JOIN unit_rank ur ON ur.n <= 20;

-- Weekly reports on measures by their lead and responsible units.
INSERT INTO progress_reports (id, unit_id, measure_id, target_id, period_kind, period_code, period_start, period_end, value,
                              unit_of_measure, narrative, evidence_links, status, return_reason, created_by,
                              first_submitted_at, submitted_at, submitted_by, reviewed_at, reviewed_by, revision, version, created_at, updated_at)
SELECT gen_random_uuid(), a.unit_id, a.measure_id, NULL, 'Week', to_char(w, 'IYYY-"W"IW'), w::date, (w + interval '6 days')::date, NULL,
       NULL, '本周工作进展', '{}', s.status, CASE WHEN s.status = 'Returned' THEN '请补充材料' END, 'seed',
       w + interval '7 days', w + interval '7 days', 'seed',
       CASE WHEN s.status IN ('Accepted', 'Returned') THEN w + interval '8 days' END,
       CASE WHEN s.status IN ('Accepted', 'Returned') THEN 'supervisor' END,
       CASE WHEN s.status = 'Submitted' THEN 2 ELSE 3 END, CASE WHEN s.status = 'Submitted' THEN 2 ELSE 3 END, w, w + interval '8 days'
FROM measure_assignments a
CROSS JOIN generate_series(TIMESTAMP '2018-12-31', TIMESTAMP '2021-12-27', interval '1 week') w
CROSS JOIN LATERAL (SELECT random() AS r) rnd
CROSS JOIN LATERAL (SELECT CASE WHEN rnd.r < 0.01 THEN 'Returned' WHEN rnd.r < 0.03 THEN 'Submitted' ELSE 'Accepted' END AS status) s
WHERE a.role IN ('Lead', 'Responsible') AND random() > 0.03;

-- Monthly cumulative reports on targets by the districts that hold a share.
INSERT INTO progress_reports (id, unit_id, measure_id, target_id, period_kind, period_code, period_start, period_end, value,
                              unit_of_measure, narrative, evidence_links, status, created_by,
                              first_submitted_at, submitted_at, submitted_by, reviewed_at, reviewed_by, revision, version, created_at, updated_at)
SELECT gen_random_uuid(), al.unit_id, NULL, al.target_id, 'Month', to_char(m, 'YYYY-"M"MM'), m::date, (m + interval '1 month' - interval '1 day')::date,
       round((extract(epoch FROM m - TIMESTAMP '2019-01-01') / 86400 / 1095 * 1000 * (0.7 + random() * 0.5))::numeric, 2),
       '万美元', '本月到位外资', '{}', CASE WHEN random() < 0.02 THEN 'Submitted' ELSE 'Accepted' END, 'seed',
       m + interval '1 month 2 days', m + interval '1 month 2 days', 'seed', m + interval '1 month 3 days', 'supervisor', 3, 3, m, m + interval '1 month 3 days'
FROM target_allocations al
CROSS JOIN generate_series(TIMESTAMP '2019-01-01', TIMESTAMP '2021-12-01', interval '1 month') m
WHERE random() > 0.03;

-- Each report's history: created, submitted, and the review when there was one.
INSERT INTO progress_report_revisions (report_id, number, action, status, period_code, value, unit_of_measure, narrative, evidence_links, actor_subject, at)
SELECT r.id, v.number, v.action, v.status, r.period_code, r.value, r.unit_of_measure, r.narrative, '{}', 'seed', r.created_at + (v.number - 1) * interval '1 day'
FROM progress_reports r
CROSS JOIN LATERAL (VALUES (1, 'Created', 'Draft'), (2, 'Submitted', 'Submitted'), (3, CASE r.status WHEN 'Returned' THEN 'Returned' ELSE 'Accepted' END, r.status)) v(number, action, status)
WHERE v.number <= r.revision;

SET session_replication_role = DEFAULT;
-- Statistics first: laying out the obligations looks up each one's answering report, and without statistics the
-- planner reads the 4 M reports of scale 10 by sequential scans (an hour instead of minutes).
ANALYZE;
SELECT policy.refresh_obligations(NULL, NULL);
ANALYZE;
