-- Warehouse tables, applied by pipelines/load/warehouse.py to a fresh scratch database.
-- Raw extraction layer: one row per document, rendition, table and data cell.

CREATE TABLE documents (
    document_id        VARCHAR PRIMARY KEY,
    title              VARCHAR NOT NULL,
    issuer             VARCHAR,
    region             VARCHAR,
    data_year          INTEGER,
    publication_date   DATE,
    kind               VARCHAR NOT NULL,
    primary_rendition  VARCHAR,
    loaded_rendition   VARCHAR,
    renditions         VARCHAR[],
    sha256             VARCHAR NOT NULL,
    catalogued         BOOLEAN NOT NULL
);
COMMENT ON TABLE documents IS 'One row per source document (catalogued or inferred).';
COMMENT ON COLUMN documents.loaded_rendition IS 'Rendition whose facts are loaded (text or pdf); NULL when none could be extracted.';
COMMENT ON COLUMN documents.sha256 IS 'Hash over the hashes of all renditions: changes when any file changes.';
COMMENT ON COLUMN documents.catalogued IS 'False when metadata was inferred because sources/catalog.yaml has no entry.';

CREATE TABLE source_tables (
    table_key          VARCHAR PRIMARY KEY,
    document_id        VARCHAR NOT NULL REFERENCES documents (document_id),
    rendition          VARCHAR NOT NULL,
    table_index        INTEGER NOT NULL,
    table_number       INTEGER,
    title              VARCHAR NOT NULL,
    source_department  VARCHAR,
    unit               VARCHAR,
    notes              VARCHAR[],
    line_start         INTEGER,
    line_end           INTEGER,
    page_start         INTEGER,
    page_end           INTEGER,
    cell_count         INTEGER NOT NULL
);
COMMENT ON TABLE source_tables IS 'Every table found in a document (captioned or not).';
COMMENT ON COLUMN source_tables.table_key IS 'document_id:rendition:table_index, stable for uncaptioned tables.';
COMMENT ON COLUMN source_tables.table_number IS 'N of the caption 表N; NULL for an uncaptioned table.';
COMMENT ON COLUMN source_tables.source_department IS 'The 数据来源 unit named by the source note.';

CREATE TABLE cells (
    cell_id            VARCHAR PRIMARY KEY,
    table_key          VARCHAR NOT NULL REFERENCES source_tables (table_key),
    document_id        VARCHAR NOT NULL,
    row_path           VARCHAR[] NOT NULL,
    col_path           VARCHAR[] NOT NULL,
    raw_text           VARCHAR NOT NULL,
    value              DOUBLE,
    unit               VARCHAR,
    op                 VARCHAR,
    extra              VARCHAR,
    line               INTEGER,
    page               INTEGER
);
COMMENT ON TABLE cells IS 'One row per data cell of a table, with its full row and column label paths.';
COMMENT ON COLUMN cells.row_path IS 'Row labels outer to inner; merged labels carried down; never the 序号.';
COMMENT ON COLUMN cells.col_path IS 'Column headers outer to inner (group header, then sub-header).';
COMMENT ON COLUMN cells.raw_text IS 'Cell text as printed, markup stripped.';
COMMENT ON COLUMN cells.value IS 'Number printed in the cell (signed, unscaled); NULL for text or placeholders.';
COMMENT ON COLUMN cells.unit IS 'Unit as stated by the cell, row label, column header, caption or 单位 line.';
COMMENT ON COLUMN cells.op IS 'Operator printed with the value: >=, <=, >, <, ~, range, change_vs_baseline.';
COMMENT ON COLUMN cells.extra IS 'JSON list of further quantities printed in the same cell.';

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
