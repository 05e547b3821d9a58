-- Public views: BI tools, the report and the project's own checks read these names; keep them
-- stable. Applied after the tables are loaded.

-- One row per data cell of every table of the loaded rendition of each document.
CREATE VIEW table_cells AS
SELECT
    c.document_id,
    t.table_number,
    t.title            AS table_title,
    c.row_path,
    c.col_path,
    c.raw_text,
    c.value,
    c.unit,
    c.op,
    c.extra,
    c.is_change,
    c.baseline,
    t.source_department,
    c.line,
    c.page
FROM source_cells AS c
JOIN dim_source_table AS t USING (source_table_key)
JOIN dim_document AS d ON d.document_key = t.document_key AND d.loaded_rendition = t.rendition;

-- Outcome of every file of every document.
CREATE VIEW document_status AS
SELECT document_id, rendition, status, error, tables, cells
FROM rendition_status;

-- Figures stated in prose (the loaded rendition of each document).
CREATE VIEW text_facts AS
SELECT document_id, indicator, value, unit, kind, operator, is_change, subject, period, quote,
    line, page
FROM source_facts;

-- Every numeric fact with its indicator, region, period and units, flattened for analysts.
CREATE VIEW observations AS
SELECT
    f.observation_id,
    d.document_id,
    f.source,
    i.indicator_code,
    i.name             AS indicator_name,
    i.domain,
    r.name             AS region,
    p.period,
    p.year,
    f.measure_kind,
    f.operator,
    f.value,
    u.unit,
    f.canonical_value,
    u.canonical_unit,
    f.base_period,
    f.baseline,
    f.indicator_derived,
    f.source_ref,
    t.table_number,
    f.row_path,
    f.col_path,
    f.quote,
    f.line,
    f.page
FROM fact_observation AS f
JOIN dim_document AS d USING (document_key)
JOIN dim_indicator AS i USING (indicator_key)
JOIN dim_region AS r USING (region_key)
JOIN dim_period AS p USING (period_key)
LEFT JOIN dim_unit AS u USING (unit_key)
LEFT JOIN dim_source_table AS t USING (source_table_key);

-- Actual values (not targets, not changes) of each indicator over time.
CREATE VIEW v_indicator_timeseries AS
SELECT
    indicator_code, indicator_name, domain, region, period, year, measure_kind,
    value, unit, canonical_value, canonical_unit, document_id, source, source_ref,
    table_number, quote, line, page
FROM observations
WHERE measure_kind IN ('level', 'rate', 'index', 'rank')
ORDER BY indicator_code, region, period;

-- The latest actual of each indicator and region (a table value wins over prose in a tie).
CREATE VIEW v_latest_actuals AS
SELECT *
FROM v_indicator_timeseries
QUALIFY row_number() OVER (
    PARTITION BY indicator_code, region
    ORDER BY year DESC, period DESC, (source = 'table') DESC, document_id, source_ref
) = 1;

-- For each plan target: the latest comparable actual, the gap and a status that honours the
-- target's operator and the indicator's direction.
CREATE VIEW v_target_scorecard AS
WITH targets AS (
    SELECT
        ft.target_key, d.document_id, i.indicator_key, i.indicator_code, i.name AS indicator_name,
        i.domain, i.direction, r.name AS region, ft.region_key, ft.target_year, ft.operator,
        ft.target_value, u.unit, ft.canonical_target, u.canonical_unit, u.factor AS target_factor,
        u.dimension AS target_dimension,
        ft.target_kind, ft.baseline, o.source_ref AS target_ref
    FROM fact_target AS ft
    JOIN fact_observation AS o ON o.observation_key = ft.observation_key
    JOIN dim_document AS d ON d.document_key = ft.document_key
    JOIN dim_indicator AS i ON i.indicator_key = ft.indicator_key
    JOIN dim_region AS r ON r.region_key = ft.region_key
    LEFT JOIN dim_unit AS u ON u.unit_key = ft.unit_key
),
actuals AS (
    SELECT
        f.indicator_key, f.region_key, p.year, p.period, f.measure_kind, f.baseline,
        coalesce(f.canonical_value, f.value) AS actual_canonical, f.value AS actual_value,
        u.unit AS actual_unit, coalesce(u.canonical_unit, u.unit) AS actual_canonical_unit,
        u.dimension AS actual_dimension,
        d.document_id AS actual_document_id, f.source AS actual_source, f.source_ref AS actual_ref,
        f.line AS actual_line, f.page AS actual_page
    FROM fact_observation AS f
    JOIN dim_period AS p USING (period_key)
    JOIN dim_document AS d USING (document_key)
    LEFT JOIN dim_unit AS u USING (unit_key)
    WHERE f.measure_kind IN ('level', 'rate', 'index', 'change')
),
matched AS (
    SELECT t.*, coalesce(t.canonical_target, t.target_value) AS tgt,
        a.* EXCLUDE (indicator_key, region_key, measure_kind, baseline)
    FROM targets AS t
    LEFT JOIN actuals AS a
        ON a.indicator_key = t.indicator_key
        AND a.region_key = t.region_key
        AND a.year <= t.target_year
        AND (
            (t.target_kind = 'change' AND a.measure_kind = 'change'
                AND a.baseline IS NOT DISTINCT FROM t.baseline
                AND coalesce(a.actual_unit, '') = coalesce(t.unit, ''))
            OR (t.target_kind = 'level' AND a.measure_kind <> 'change'
                AND (coalesce(a.actual_canonical_unit, '') = coalesce(t.canonical_unit, t.unit, '')
                    -- counters differ in wording only (景区 22 家 vs 不少于 10 个)
                    OR (a.actual_dimension = 'count' AND t.target_dimension = 'count')))
        )
    QUALIFY row_number() OVER (
        PARTITION BY t.target_key
        ORDER BY a.year DESC NULLS LAST, a.period DESC, (a.actual_source = 'table') DESC,
                 a.actual_document_id, a.actual_ref
    ) = 1
)
SELECT
    document_id, indicator_code, indicator_name, domain, direction, region, target_year,
    target_kind, operator, target_value, unit, actual_value, actual_unit, year AS actual_year,
    -- the gap in the target's printed unit (亿元 stays 亿元)
    CASE WHEN actual_canonical IS NULL THEN NULL
         ELSE round((actual_canonical - tgt) / coalesce(nullif(target_factor, 0), 1), 6)
    END AS gap,
    CASE
        WHEN actual_canonical IS NULL THEN 'no data'
        WHEN (CASE
            WHEN operator = '>=' THEN actual_canonical >= tgt - 1e-9
            WHEN operator = '>' THEN actual_canonical > tgt
            WHEN operator = '<=' THEN actual_canonical <= tgt + 1e-9
            WHEN operator = '<' THEN actual_canonical < tgt
            -- within 5 % of the target's size (a fall of about 10 % is about -10)
            WHEN operator = '~' AND direction = 'higher_is_better'
                THEN actual_canonical >= tgt - abs(tgt) * 0.05
            WHEN operator = '~' AND direction = 'lower_is_better'
                THEN actual_canonical <= tgt + abs(tgt) * 0.05
            WHEN operator = '~' THEN abs(actual_canonical - tgt) <= abs(tgt) * 0.05
            WHEN operator = 'change_vs_baseline' AND direction = 'higher_is_better'
                THEN actual_canonical >= tgt
            WHEN direction = 'higher_is_better' THEN actual_canonical >= tgt - 1e-9
            WHEN direction = 'lower_is_better' THEN actual_canonical <= tgt + 1e-9
            ELSE abs(actual_canonical - tgt) <= 1e-9
        END) THEN 'met'
        ELSE 'not met'
    END AS status,
    actual_document_id, actual_source, actual_ref, actual_line, actual_page,
    target_ref, baseline, canonical_target, canonical_unit AS target_canonical_unit
FROM matched
ORDER BY document_id, indicator_code, target_year, target_ref;
