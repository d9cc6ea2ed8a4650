-- A report's discipline as code and name apart (contract 1.2, DegreeSummary disciplineCode / disciplineName),
-- beside the column "discipline" that keeps the text printed on the report. Portable SQL (H2, Oracle, PostgreSQL).
-- Reports issued before this migration have neither: their answers carry the printed text only.
ALTER TABLE verification_report ADD discipline_code VARCHAR(10);
ALTER TABLE verification_report ADD discipline_name VARCHAR(60);
