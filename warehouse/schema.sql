-- Warehouse schema, applied by pipelines/load/warehouse.py to a fresh scratch database.
--
-- Star schema: fact_observation (one value of one indicator for one region, period and measure
-- kind, from one table cell or stated figure) and fact_target (plan targets), with conformed
-- dimensions. Surrogate keys are hashes of natural keys: stable across runs and documents, so a
-- rebuild gives identical keys. The extraction layer (source cells and rendition status) is kept
-- for provenance and for the public views table_cells and document_status.

-- Dimensions -----------------------------------------------------------------------------------

CREATE TABLE dim_document (
    document_key       BIGINT PRIMARY KEY,
    document_id        VARCHAR NOT NULL UNIQUE,
    title              VARCHAR NOT NULL,
    issuer             VARCHAR,
    kind               VARCHAR NOT NULL,
    region             VARCHAR,
    data_year          INTEGER,
    publication_date   DATE,
    sha256             VARCHAR NOT NULL,
    renditions         VARCHAR[],
    primary_rendition  VARCHAR,
    loaded_rendition   VARCHAR,
    catalogued         BOOLEAN NOT NULL
);
COMMENT ON TABLE dim_document IS 'Source documents: white papers, plans, work summaries.';
COMMENT ON COLUMN dim_document.document_id IS 'File stem shared by all renditions of the document.';
COMMENT ON COLUMN dim_document.kind IS 'white_paper | plan | work_summary.';
COMMENT ON COLUMN dim_document.sha256 IS 'Hash over all renditions: changes when any file of the document changes.';
COMMENT ON COLUMN dim_document.loaded_rendition IS 'Rendition whose facts are loaded; NULL when none could be read.';
COMMENT ON COLUMN dim_document.catalogued IS 'False when metadata was inferred (no entry in sources/catalog.yaml).';

CREATE TABLE dim_department (
    department_key     BIGINT PRIMARY KEY,
    name               VARCHAR NOT NULL UNIQUE
);
COMMENT ON TABLE dim_department IS 'Departments named as 数据来源 (data source) of tables.';

CREATE TABLE dim_source_table (
    source_table_key   BIGINT PRIMARY KEY,
    table_id           VARCHAR NOT NULL UNIQUE,
    document_key       BIGINT NOT NULL REFERENCES dim_document (document_key),
    rendition          VARCHAR NOT NULL,
    table_index        INTEGER NOT NULL,
    table_number       INTEGER,
    table_label        VARCHAR,
    title              VARCHAR NOT NULL,
    department_key     BIGINT REFERENCES dim_department (department_key),
    source_department  VARCHAR,
    unit               VARCHAR,
    notes              VARCHAR[],
    line_start         INTEGER,
    line_end           INTEGER,
    page_start         INTEGER,
    page_end           INTEGER,
    cell_count         INTEGER NOT NULL
);
COMMENT ON TABLE dim_source_table IS 'Every table found in a document rendition (captioned or not).';
COMMENT ON COLUMN dim_source_table.table_id IS 'document_id:rendition:table_index; stable for uncaptioned tables.';
COMMENT ON COLUMN dim_source_table.table_number IS 'N of the caption 表N; NULL for an uncaptioned table.';
COMMENT ON COLUMN dim_source_table.table_label IS 'The caption''s label as printed (表5, 表2-3, 附表1); NULL for an uncaptioned table.';
COMMENT ON COLUMN dim_source_table.notes IS 'Notes printed under the table (注：…).';

CREATE TABLE dim_indicator (
    indicator_key      BIGINT PRIMARY KEY,
    indicator_code     VARCHAR NOT NULL UNIQUE,
    name               VARCHAR NOT NULL,
    domain             VARCHAR,
    canonical_unit     VARCHAR,
    direction          VARCHAR NOT NULL,
    definition         VARCHAR,
    registered         BOOLEAN NOT NULL
);
COMMENT ON TABLE dim_indicator IS 'Conformed indicators: registry entries (warehouse/indicators.yaml) and derived keys not yet registered.';
COMMENT ON COLUMN dim_indicator.indicator_code IS 'Registry code, or the derived key for an unregistered indicator.';
COMMENT ON COLUMN dim_indicator.domain IS 'Quality domain: 产品质量, 工程质量, 服务质量, 人居环境质量, 经济运行, 创新与品牌.';
COMMENT ON COLUMN dim_indicator.direction IS 'higher_is_better | lower_is_better | neutral.';
COMMENT ON COLUMN dim_indicator.registered IS 'False for derived keys no registry rule covers (see unmapped_indicators).';

CREATE TABLE dim_region (
    region_key         BIGINT PRIMARY KEY,
    name               VARCHAR NOT NULL UNIQUE,
    level              VARCHAR NOT NULL,
    parent_region_key  BIGINT
);
COMMENT ON TABLE dim_region IS 'Regions: 上海市 > 区 > 街镇/园区.';
COMMENT ON COLUMN dim_region.level IS 'city | district | sub_region.';

CREATE TABLE dim_period (
    period_key         BIGINT PRIMARY KEY,
    period             VARCHAR NOT NULL UNIQUE,
    grain              VARCHAR NOT NULL,
    year               INTEGER NOT NULL
);
COMMENT ON TABLE dim_period IS 'Periods: years (2022), half-years (2022H2), quarters (2022Q3), months (2022-12), runs of months a figure adds up (2022-01~09, grain months).';

CREATE TABLE dim_unit (
    unit_key           BIGINT PRIMARY KEY,
    unit               VARCHAR NOT NULL UNIQUE,
    dimension          VARCHAR,
    canonical_unit     VARCHAR,
    factor             DOUBLE
);
COMMENT ON TABLE dim_unit IS 'Units as printed, with dimension, canonical unit and scale factor (warehouse/units.yaml).';
COMMENT ON COLUMN dim_unit.factor IS 'Multiply a printed value by this to get it in canonical_unit; NULL when the unit is unknown.';

-- Facts ------------------------------------------------------------------------------------------

CREATE TABLE fact_observation (
    observation_key    BIGINT PRIMARY KEY,
    observation_id     VARCHAR NOT NULL UNIQUE,
    document_key       BIGINT NOT NULL REFERENCES dim_document (document_key),
    source_table_key   BIGINT REFERENCES dim_source_table (source_table_key),
    indicator_key      BIGINT NOT NULL REFERENCES dim_indicator (indicator_key),
    region_key         BIGINT NOT NULL REFERENCES dim_region (region_key),
    period_key         BIGINT NOT NULL REFERENCES dim_period (period_key),
    unit_key           BIGINT REFERENCES dim_unit (unit_key),
    source             VARCHAR NOT NULL,
    source_ref         VARCHAR NOT NULL,
    indicator_derived  VARCHAR NOT NULL,
    measure_kind       VARCHAR NOT NULL,
    operator           VARCHAR,
    value              DOUBLE NOT NULL,
    canonical_value    DOUBLE,
    base_period        VARCHAR,
    baseline           VARCHAR,
    row_path           VARCHAR[],
    col_path           VARCHAR[],
    quote              VARCHAR,
    line               INTEGER,
    page               INTEGER
);
COMMENT ON TABLE fact_observation IS 'Grain: one value of one indicator for one region, period and measure kind, from one table cell or stated figure.';
COMMENT ON COLUMN fact_observation.source IS 'table (a table cell) | prose (a figure stated in a sentence).';
COMMENT ON COLUMN fact_observation.source_ref IS 'cell_id of the table cell, or the id of the stated figure.';
COMMENT ON COLUMN fact_observation.indicator_derived IS 'Indicator key derived from the labels, before registry mapping.';
COMMENT ON COLUMN fact_observation.measure_kind IS 'level | rate | change | target | index | rank.';
COMMENT ON COLUMN fact_observation.operator IS '>=, <=, >, <, ~, range, change_vs_baseline, or NULL.';
COMMENT ON COLUMN fact_observation.value IS 'Value as printed (signed, in the printed unit).';
COMMENT ON COLUMN fact_observation.canonical_value IS 'Value scaled to the canonical unit (1.01 万人 → 10100 人).';
COMMENT ON COLUMN fact_observation.base_period IS 'For changes: the period compared against (2021 for a 2022 同比).';
COMMENT ON COLUMN fact_observation.baseline IS 'Named baseline of a change, e.g. 十三五.';

CREATE TABLE fact_target (
    target_key         BIGINT PRIMARY KEY,
    observation_key    BIGINT NOT NULL REFERENCES fact_observation (observation_key),
    document_key       BIGINT NOT NULL REFERENCES dim_document (document_key),
    indicator_key      BIGINT NOT NULL REFERENCES dim_indicator (indicator_key),
    region_key         BIGINT NOT NULL REFERENCES dim_region (region_key),
    target_year        INTEGER NOT NULL,
    target_kind        VARCHAR NOT NULL,
    operator           VARCHAR,
    target_value       DOUBLE NOT NULL,
    unit_key           BIGINT REFERENCES dim_unit (unit_key),
    canonical_target   DOUBLE,
    baseline           VARCHAR
);
COMMENT ON TABLE fact_target IS 'Plan targets: operator, target value and unit, target year and baseline.';
COMMENT ON COLUMN fact_target.target_kind IS 'level (a value to reach) | change (a growth or a reduction against a base).';
COMMENT ON COLUMN fact_target.operator IS '>= (不少于/≥), <= (≤/不超过), ~ (左右), change_vs_baseline (较…下降, with no bound), NULL (a plain level to reach). A change target keeps its bound on the signed change: 提高2个百分点以上 is >= 2, 下降5%以上 is <= -5.';

-- Extraction layer (provenance) -----------------------------------------------------------------

CREATE TABLE source_cells (
    cell_id            VARCHAR PRIMARY KEY,
    source_table_key   BIGINT NOT NULL REFERENCES dim_source_table (source_table_key),
    document_id        VARCHAR NOT NULL,
    row_path           VARCHAR[] NOT NULL,
    col_path           VARCHAR[] NOT NULL,
    raw_text           VARCHAR NOT NULL,
    value              DOUBLE,
    unit               VARCHAR,
    op                 VARCHAR,
    extra              VARCHAR,
    is_change          BOOLEAN NOT NULL DEFAULT false,
    baseline           VARCHAR,
    line               INTEGER,
    page               INTEGER
);
COMMENT ON TABLE source_cells IS 'Every data cell of every table, with its full row and column label paths.';
COMMENT ON COLUMN source_cells.row_path IS 'Row labels outer to inner; merged labels carried down; never the 序号.';
COMMENT ON COLUMN source_cells.col_path IS 'Column headers outer to inner (group header, then sub-header).';
COMMENT ON COLUMN source_cells.raw_text IS 'Cell text as printed, markup stripped.';
COMMENT ON COLUMN source_cells.value IS 'Number printed in the cell (signed, unscaled); NULL for text or placeholders.';
COMMENT ON COLUMN source_cells.unit IS 'Unit as stated by the cell, row label, column header, caption or 单位 line.';
COMMENT ON COLUMN source_cells.op IS 'Operator printed with the value: >=, <=, >, <, ~, range, change_vs_baseline.';
COMMENT ON COLUMN source_cells.extra IS 'JSON list of further quantities printed in the same cell.';
COMMENT ON COLUMN source_cells.is_change IS 'The cell prints a change (↑ 6.9%, 同比下降5%, 持平), not a level.';
COMMENT ON COLUMN source_cells.baseline IS 'What a change is measured against, as printed (较2020年 → 2020年).';

CREATE TABLE rendition_status (
    document_id        VARCHAR NOT NULL,
    rendition          VARCHAR NOT NULL,
    status             VARCHAR NOT NULL,
    error              VARCHAR,
    tables             INTEGER NOT NULL,
    cells              INTEGER NOT NULL,
    warnings           VARCHAR[],
    PRIMARY KEY (document_id, rendition)
);
COMMENT ON TABLE rendition_status IS 'Outcome of extracting each file of each document.';
COMMENT ON COLUMN rendition_status.status IS 'loaded (facts come from it) | extracted | failed | skipped.';

-- Data quality -----------------------------------------------------------------------------------

CREATE TABLE data_quality_issues (
    "check"            VARCHAR NOT NULL,
    severity           VARCHAR NOT NULL,
    suite              VARCHAR NOT NULL,
    document_id        VARCHAR,
    table_number       INTEGER,
    location           VARCHAR,
    expected           VARCHAR,
    found              VARCHAR,
    message            VARCHAR,
    expected_document_id VARCHAR,
    expected_ref       VARCHAR,
    found_document_id  VARCHAR,
    found_ref          VARCHAR,
    check_description  VARCHAR
);
COMMENT ON TABLE data_quality_issues IS 'Every failing row of every Great Expectations check (expectations/*.json). Nothing is dropped or fixed.';
COMMENT ON COLUMN data_quality_issues.severity IS 'blocking (the document was not loaded) | warning (recorded, loaded).';
COMMENT ON COLUMN data_quality_issues.location IS 'Row | column path of a cell, an indicator and source, or a table title.';
COMMENT ON COLUMN data_quality_issues.expected IS 'What the document''s own numbers imply (or the rule), as printed.';
COMMENT ON COLUMN data_quality_issues.found IS 'What the document printed.';
COMMENT ON COLUMN data_quality_issues.expected_ref IS 'Where "expected" was printed, when it is a printed figure: a cell_id of source_cells or a fact_id of source_facts (the source_ref of observations).';
COMMENT ON COLUMN data_quality_issues.expected_document_id IS 'The document "expected" was printed in.';
COMMENT ON COLUMN data_quality_issues.found_ref IS 'Where "found" was printed: a cell_id or a fact_id, as expected_ref.';
COMMENT ON COLUMN data_quality_issues.found_document_id IS 'The document "found" was printed in.';
COMMENT ON COLUMN data_quality_issues.check_description IS 'What a failure of the check means (meta.description of its expectation in expectations/*.json).';

CREATE TABLE source_facts (
    fact_id            VARCHAR PRIMARY KEY,
    document_id        VARCHAR NOT NULL,
    rendition          VARCHAR,
    indicator          VARCHAR NOT NULL,
    value              DOUBLE NOT NULL,
    unit               VARCHAR,
    kind               VARCHAR NOT NULL,
    operator           VARCHAR,
    upper              DOUBLE,
    subject            VARCHAR,
    period             INTEGER,
    month              INTEGER,
    is_change          BOOLEAN NOT NULL DEFAULT false,
    quote              VARCHAR NOT NULL,
    line               INTEGER,
    page               INTEGER
);
COMMENT ON TABLE source_facts IS 'Figures stated in prose, each with the clause it came from.';
COMMENT ON COLUMN source_facts.indicator IS 'Indicator named by the clause (subject noun phrase + measure).';
COMMENT ON COLUMN source_facts.kind IS 'actual | change | target.';
COMMENT ON COLUMN source_facts.is_change IS 'A change against a base (增长, 提高…个百分点), a target''s too: its operator is then the bound on the signed change (提高2个百分点以上: >=, 下降5%以上: <=, 增长10%左右: ~), change_vs_baseline when it has none.';
COMMENT ON COLUMN source_facts.subject IS 'Region the sentence is about: 上海市, a district, or a town/street it names.';
COMMENT ON COLUMN source_facts.period IS 'Year stated in the sentence or paragraph, else the data year; for targets the target year.';
COMMENT ON COLUMN source_facts.month IS 'Month the sentence is about ("8月…"), for monthly figures; NULL for the year.';
COMMENT ON COLUMN source_facts.quote IS 'The clause the figure was read from.';

CREATE TABLE rendition_agreement (
    document_id        VARCHAR NOT NULL,
    primary_rendition  VARCHAR NOT NULL,
    other_rendition    VARCHAR NOT NULL,
    primary_cells      INTEGER NOT NULL,
    other_cells        INTEGER NOT NULL,
    equal_cells        INTEGER NOT NULL,
    agreement          DOUBLE NOT NULL,
    PRIMARY KEY (document_id, other_rendition)
);
COMMENT ON TABLE rendition_agreement IS 'How the other rendition of a document (PDF or text) agrees with the loaded one, cell by cell.';
COMMENT ON COLUMN rendition_agreement.agreement IS 'Share of the loaded rendition''s cells (table, row path, column path, raw text) the other reproduces exactly.';
