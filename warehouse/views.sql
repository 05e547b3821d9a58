-- Public views: BI tools and the project's own checks read these names; keep them stable.

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
    t.source_department,
    c.line,
    c.page
FROM cells AS c
JOIN source_tables AS t USING (table_key)
JOIN documents AS d ON d.document_id = c.document_id AND d.loaded_rendition = t.rendition;

CREATE VIEW document_status AS
SELECT document_id, rendition, status, error, tables, cells
FROM rendition_status;
